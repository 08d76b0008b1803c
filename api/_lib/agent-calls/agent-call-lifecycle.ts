/**
 * The agent call lifecycle (seed 000 + 001), as a pure function over the session's state.
 *
 *   initiated ──ring──► ringing ──answer (callee joins / SIP active)──► answered ──end──► ended
 *       │                  ├─ring-timeout / no-answer──► missed
 *       │                  ├─busy (SIP 486)──► busy
 *       ├──────────────────┴─decline ("Not now", cancel)──► canceled
 *       └──────── fail (dispatch or SIP error) ──► failed ◄── ringing / answered
 *
 * Terminal states never change again, so duplicate and late webhooks or jobs change nothing.
 * A leave older than the callee's latest join is stale (livekit/livekit#2399).
 */
export const AGENT_LIVE_STATES = ['initiated', 'ringing', 'answered'] as const;
export const AGENT_TERMINAL_STATES = ['ended', 'missed', 'busy', 'failed', 'canceled'] as const;
export type AgentCallState =
  (typeof AGENT_LIVE_STATES)[number] | (typeof AGENT_TERMINAL_STATES)[number];

export type AgentCallEvent =
  | { type: 'ring' }
  | { type: 'answer'; at: number }
  | { type: 'left'; at: number }
  | { type: 'room-closed' }
  | { type: 'end'; reason: string }
  | { type: 'ring-timeout' }
  | { type: 'no-answer' }
  | { type: 'busy'; sipStatusCode?: string }
  | { type: 'decline'; reason: string }
  | { type: 'fail'; reason: string; sipStatusCode?: string };

export interface AgentCallSnapshot {
  status: AgentCallState;
  /** When the callee last joined (ms since the epoch), from LiveKit's event time. */
  answeredAt: number | null;
}

export type AgentTransition =
  | {
      ok: true;
      status: AgentCallState;
      answeredAt: number | null;
      reason?: string;
      sipStatusCode?: string;
    }
  | { ok: false; status: AgentCallState };

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
  session: AgentCallSnapshot,
  event: AgentCallEvent,
): AgentTransition {
  const refused = { ok: false, status: session.status } as const;
  const to = (status: AgentCallState, extra: Partial<AgentTransition> = {}): AgentTransition => ({
    ok: true,
    status,
    answeredAt: session.answeredAt,
    ...extra,
  });
  switch (event.type) {
    case 'answer':
      if (session.status === 'ringing' || session.status === 'initiated') {
        return to('answered', { answeredAt: event.at });
      }
      // A re-join during the call moves the join time on; nothing else changes.
      return session.status === 'answered'
        ? to('answered', { answeredAt: Math.max(session.answeredAt ?? 0, event.at) })
        : refused;
    case 'left':
      if (session.status !== 'answered') return refused;
      if (session.answeredAt !== null && event.at < session.answeredAt) return refused;
      return to('ended', { reason: 'callee left' });
    case 'room-closed':
      return session.status === 'answered' ? to('ended', { reason: 'room closed' }) : refused;
    default: {
      const rule = RULES[event.type];
      if (!rule.from.includes(session.status)) return refused;
      const reason = 'reason' in event ? event.reason : rule.reason;
      return to(rule.to, {
        ...(reason ? { reason } : {}),
        ...('sipStatusCode' in event && event.sipStatusCode
          ? { sipStatusCode: event.sipStatusCode }
          : {}),
      });
    }
  }
}

export const isAgentCallLive = (status: AgentCallState) =>
  (AGENT_LIVE_STATES as readonly string[]).includes(status);
