/**
 * The agent call lifecycle (docs/lifecycles.md#agent-call), a pure function of the session's state.
 *
 *   initiated ──ring──► ringing ──answer (callee joins / SIP active)──► answered ──end──► ended
 *       │                  ├─ring-timeout / no-answer──► missed
 *       │                  ├─busy (SIP 486)──► busy
 *       ├──────────────────┴─decline ("Not now", cancel)──► canceled
 *       └──────── fail (dispatch or SIP error) ──► failed ◄── ringing / answered
 *                 no-agent (no agent joined within 20 s) ──► failed ◄──┘
 *
 * `agent-joined` (the agent's participant came in) changes no state; it records the join time
 * that `no-agent` is refused by.
 * Terminal states never change again, so duplicate and late webhooks or jobs change nothing.
 * A leave older than the callee's latest join is stale (livekit/livekit#2399).
 * A ringing phone's `ring-timeout` is refused until LiveKit was asked about its SIP leg
 * (`sipLegChecked`): a phone may be answered before anything recorded it.
 * `AGENT_CALL_LIFECYCLE` is the descriptor the lifecycle engine applies (./lifecycle.ts).
 */
import type { Change, Decision, Lifecycle } from './lifecycle.js';
import { RING_SECONDS } from './ring-time.js';
import { NO_AGENT_REASON } from './agent-conversation.js';

export const AGENT_LIVE_STATES = ['initiated', 'ringing', 'answered'] as const;
export const AGENT_TERMINAL_STATES = ['ended', 'missed', 'busy', 'failed', 'canceled'] as const;
/** Not yet answered: a ring time-out, a busy line or "Not now" may still end it. */
export const AGENT_RINGING_STATES = ['initiated', 'ringing'] as const;
export const AGENT_CALL_STATES = [...AGENT_LIVE_STATES, ...AGENT_TERMINAL_STATES] as const;
export type AgentCallState =
  (typeof AGENT_LIVE_STATES)[number] | (typeof AGENT_TERMINAL_STATES)[number];

export type AgentCallEvent =
  | { type: 'ring' }
  | { type: 'answer' }
  | { type: 'left' }
  | { type: 'room-closed' }
  | { type: 'end'; reason: string }
  /** `sipLegChecked`: LiveKit was asked about the phone's SIP participant, and it is not active. */
  | { type: 'ring-timeout'; sipLegChecked?: boolean }
  | { type: 'no-answer' }
  | { type: 'busy'; sipStatusCode?: string }
  | { type: 'decline'; reason: string }
  | { type: 'fail'; reason: string; sipStatusCode?: string }
  | { type: 'agent-joined' }
  | { type: 'no-agent' };

/** What an event's decision depends on besides the state: the callee, and the room. */
export type AgentRoomFacts = {
  /** The event's participant is the callee (the LINE user, or the answered phone). */
  isCallee: boolean;
  /** The callee has joined again since this event happened (a late leave). */
  stale: boolean;
  /** The agent's participant has joined the room (at any time before now). */
  agentJoined: boolean;
  /** The callee is a phone number, reached over SIP, not a LINE user. */
  isPhone: boolean;
};

const NO_FACTS: AgentRoomFacts = {
  isCallee: false,
  stale: false,
  agentJoined: false,
  isPhone: false,
};

/** A decision may carry the SIP status the event reported (the store records it from the event). */
export type AgentDecision = Decision<AgentCallState> & { sipStatusCode?: string };

const RULES: Record<
  Exclude<AgentCallEvent['type'], 'answer' | 'left' | 'room-closed' | 'agent-joined' | 'no-agent'>,
  { from: readonly AgentCallState[]; to: AgentCallState; reason?: string }
> = {
  ring: { from: ['initiated'], to: 'ringing' },
  end: { from: ['answered'], to: 'ended' },
  'ring-timeout': {
    from: AGENT_RINGING_STATES,
    to: 'missed',
    reason: `no answer in ${RING_SECONDS} s`,
  },
  'no-answer': { from: AGENT_RINGING_STATES, to: 'missed', reason: 'no answer' },
  busy: { from: AGENT_RINGING_STATES, to: 'busy', reason: 'busy' },
  decline: { from: AGENT_RINGING_STATES, to: 'canceled' },
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
    case 'agent-joined':
      // Recorded while the call is live (the store keeps the first join time); no state changes.
      return isAgentCallLive(status) ? { ok: true, status } : refused;
    case 'no-agent':
      return isAgentCallLive(status) && !facts.agentJoined
        ? { ok: true, status: 'failed', reason: NO_AGENT_REASON }
        : refused;
    case 'ring-timeout':
      // A ringing phone may be talking to the agent while the dial job that would say so was cut
      // off or is still on its way: it is missed only once LiveKit said its SIP leg is not active.
      if (status === 'ringing' && facts.isPhone && !event.sipLegChecked) return refused;
      return byRule(status, event);
    default:
      return byRule(status, event);
  }
}

/** The events that only move from some states to one (RULES). */
function byRule(
  status: AgentCallState,
  event: Extract<AgentCallEvent, { type: keyof typeof RULES }>,
): AgentDecision {
  const rule = RULES[event.type];
  if (!rule.from.includes(status)) return { ok: false };
  const reason = 'reason' in event ? event.reason : rule.reason;
  const sipStatusCode = 'sipStatusCode' in event ? event.sipStatusCode : undefined;
  return {
    ok: true,
    status: rule.to,
    ...(reason ? { reason } : {}),
    ...(sipStatusCode ? { sipStatusCode } : {}),
  };
}

/**
 * What a recorded change sets off: an agent call that is over closes its room; a call answered or
 * over moves the campaign lead it is an attempt of, if any (`follow-lead`).
 */
export type AgentCallEffect = 'close-room' | 'follow-lead';

function agentCallEffects({ from, to }: Change<AgentCallState, AgentCallEvent>): AgentCallEffect[] {
  if (isAgentCallLive(from) && !isAgentCallLive(to)) return ['close-room', 'follow-lead'];
  return from !== 'answered' && to === 'answered' ? ['follow-lead'] : [];
}

/** The agent call lifecycle, for the engine: its states, its room facts and their values. */
export const AGENT_CALL_LIFECYCLE: Lifecycle<
  AgentCallState,
  AgentCallEvent,
  AgentRoomFacts,
  AgentCallEffect
> = {
  name: 'agent-call',
  live: AGENT_LIVE_STATES,
  terminal: AGENT_TERMINAL_STATES,
  facts: {
    isCallee: [false, true],
    stale: [false, true],
    agentJoined: [false, true],
    isPhone: [false, true],
  },
  transition: agentTransition,
  effects: agentCallEffects,
};

export const isAgentCallLive = (status: AgentCallState) =>
  (AGENT_LIVE_STATES as readonly string[]).includes(status);
