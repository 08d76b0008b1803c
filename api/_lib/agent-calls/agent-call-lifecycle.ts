/**
 * The agent call lifecycle (docs/lifecycles.md#agent-call), a pure function of the session's state.
 *
 *   initiated ──ring──► ringing ──answer (callee joins / SIP active)──► answered ──end──► ended
 *       │                  ├─ring-timeout / no-answer──► missed
 *       │                  ├─busy (SIP 486)──► busy
 *       ├──────────────────┴─decline ("Not now", cancel)──► canceled
 *       └──────── fail (dispatch or SIP error) ──► failed ◄── ringing / answered
 *
 * Terminal states never change again, so duplicate and late webhooks or jobs change nothing.
 * A leave older than the callee's latest join is stale (livekit/livekit#2399). As for 1:1 calls,
 * `agentDecisionTable` evaluates the function ahead of time for the database's one statement.
 */
export const AGENT_LIVE_STATES = ['initiated', 'ringing', 'answered'] as const;
export const AGENT_TERMINAL_STATES = ['ended', 'missed', 'busy', 'failed', 'canceled'] as const;
export const AGENT_CALL_STATES = [...AGENT_LIVE_STATES, ...AGENT_TERMINAL_STATES] as const;
export type AgentCallState =
  (typeof AGENT_LIVE_STATES)[number] | (typeof AGENT_TERMINAL_STATES)[number];

export type AgentCallEvent =
  | { type: 'ring' }
  | { type: 'answer' }
  | { type: 'left' }
  | { type: 'room-closed' }
  | { type: 'end'; reason: string }
  | { type: 'ring-timeout' }
  | { type: 'no-answer' }
  | { type: 'busy'; sipStatusCode?: string }
  | { type: 'decline'; reason: string }
  | { type: 'fail'; reason: string; sipStatusCode?: string };

/** What a room event's decision depends on besides the state. */
export interface AgentRoomFacts {
  /** The event's participant is the callee (the LINE user, or the answered phone). */
  isCallee: boolean;
  /** The callee has joined again since this event happened (a late leave). */
  stale: boolean;
}

const NO_FACTS: AgentRoomFacts = { isCallee: false, stale: false };

export type AgentDecision =
  { ok: true; status: AgentCallState; reason?: string; sipStatusCode?: string } | { ok: false };

const RULES: Record<
  Exclude<AgentCallEvent['type'], 'answer' | 'left' | 'room-closed'>,
  { from: readonly AgentCallState[]; to: AgentCallState; reason?: string }
> = {
  ring: { from: ['initiated'], to: 'ringing' },
  end: { from: ['answered'], to: 'ended' },
  'ring-timeout': { from: ['initiated', 'ringing'], to: 'missed', reason: 'no answer in 60 s' },
  'no-answer': { from: ['initiated', 'ringing'], to: 'missed', reason: 'no answer' },
  busy: { from: ['initiated', 'ringing'], to: 'busy', reason: 'busy' },
  decline: { from: ['initiated', 'ringing'], to: 'canceled' },
  fail: { from: AGENT_LIVE_STATES, to: 'failed' },
};

export function agentTransition(
  status: AgentCallState,
  event: AgentCallEvent,
  facts = NO_FACTS,
): AgentDecision {
  const refused = { ok: false } as const;
  switch (event.type) {
    case 'answer':
      if (!facts.isCallee) return refused;
      // A re-join during the call changes nothing but the join time the database keeps.
      return status === 'ringing' || status === 'initiated' || status === 'answered'
        ? { ok: true, status: 'answered' }
        : refused;
    case 'left':
      // Leaving implies having joined: a leave that overtook its join still ends the call.
      if (!facts.isCallee || facts.stale || !isAgentCallLive(status)) return refused;
      return { ok: true, status: 'ended', reason: 'callee left' };
    case 'room-closed':
      return status === 'answered' ? { ok: true, status: 'ended', reason: 'room closed' } : refused;
    default: {
      const rule = RULES[event.type];
      if (!rule.from.includes(status)) return refused;
      const reason = 'reason' in event ? event.reason : rule.reason;
      const sipStatusCode = 'sipStatusCode' in event ? event.sipStatusCode : undefined;
      return {
        ok: true,
        status: rule.to,
        ...(reason ? { reason } : {}),
        ...(sipStatusCode ? { sipStatusCode } : {}),
      };
    }
  }
}

export interface AgentDecisionRow extends AgentRoomFacts {
  from: AgentCallState;
  to: AgentCallState | null;
  reason: string | null;
}

/** The decision for one event in every state and every room fact, for the database to look up. */
export function agentDecisionTable(event: AgentCallEvent): AgentDecisionRow[] {
  return AGENT_CALL_STATES.flatMap((from) =>
    [false, true].flatMap((isCallee) =>
      [false, true].map((stale) => {
        const decision = agentTransition(from, event, { isCallee, stale });
        return {
          from,
          isCallee,
          stale,
          to: decision.ok ? decision.status : null,
          reason: decision.ok ? (decision.reason ?? null) : null,
        };
      }),
    ),
  );
}

export const isAgentCallLive = (status: AgentCallState) =>
  (AGENT_LIVE_STATES as readonly string[]).includes(status);
