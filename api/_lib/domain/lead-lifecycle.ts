/**
 * A campaign lead's lifecycle (docs/campaigns.md#states): each lead is called until it is done,
 * its retries are spent, or it is skipped. The dispatcher's step claims leads (`dial`, or `skip`
 * for do-not-call); the lead then follows its agent call session (`answered`, `finished`, `fail`).
 *
 *   pending ──dial──► dialing ──answered──► in_call
 *      ▲                 │                     │
 *      │                 └──finished / fail────┴──► retry_scheduled (policy allows) ──dial──┐
 *      │                                        └─► done (outcome) / failed                 │
 *   pending, retry_scheduled ──skip (do-not-call, window)──► skipped         dialing ◄──────┘
 *
 * Whether a finished call is retried is a fact the store works out from the campaign's retry
 * policy (the outcome is one it retries and attempts are left), so the decision stays a table.
 * A lead leaving a call wakes its campaign (`wake-campaign`): a line is free, or it was the last.
 */
import type { AgentCallState } from './agent-call-lifecycle.js';
import { AGENT_OUTCOMES, type AgentOutcome } from './agent-conversation.js';
import type { Change, Decision, Lifecycle } from './lifecycle.js';

export const LEAD_LIVE_STATES = ['pending', 'dialing', 'in_call', 'retry_scheduled'] as const;
export const LEAD_TERMINAL_STATES = ['done', 'failed', 'skipped'] as const;
export const LEAD_STATES = [...LEAD_LIVE_STATES, ...LEAD_TERMINAL_STATES] as const;
export type LeadState = (typeof LEAD_STATES)[number];
/** Waiting for a dial: what a campaign still has to do. */
export const LEAD_WAITING_STATES = ['pending', 'retry_scheduled'] as const;
/** Claimed and not yet over: what counts against the campaign's concurrency. */
export const LEAD_CALLING_STATES = ['dialing', 'in_call'] as const;

/** How an attempt ended: the call's own end (no answer, busy, failed) or the agent's outcome. */
export const LEAD_OUTCOMES = ['no_answer', 'busy', 'failed', ...AGENT_OUTCOMES] as const;
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];
/** The outcomes a campaign's retry policy may name (the rest are an answer, not a miss). */
export const RETRYABLE_OUTCOMES = [
  'no_answer',
  'busy',
  'failed',
  'call_back_later',
  'no_response',
] as const satisfies readonly LeadOutcome[];

/** Why a lead was skipped. */
export const LEAD_SKIP_REASONS = ['do_not_call', 'outside_window', 'campaign_ended'] as const;

export type LeadEvent =
  | { type: 'dial' }
  | { type: 'answered' }
  | { type: 'finished'; outcome: LeadOutcome }
  | { type: 'fail'; reason: string }
  | { type: 'skip'; reason: (typeof LEAD_SKIP_REASONS)[number] };

export type LeadFacts = {
  /** The campaign's policy retries this attempt's outcome, and attempts are left. */
  retryAllowed: boolean;
};

const has = (states: readonly LeadState[], status: LeadState) => states.includes(status);

export function leadTransition(
  status: LeadState,
  event: LeadEvent,
  facts: LeadFacts,
): Decision<LeadState> {
  const refused = { ok: false } as const;
  switch (event.type) {
    case 'dial':
      return has(LEAD_WAITING_STATES, status) ? { ok: true, status: 'dialing' } : refused;
    case 'answered':
      return status === 'dialing' ? { ok: true, status: 'in_call' } : refused;
    case 'finished':
    case 'fail': {
      if (status !== 'dialing' && status !== 'in_call') return refused;
      if (facts.retryAllowed) return { ok: true, status: 'retry_scheduled' };
      if (event.type === 'fail') return { ok: true, status: 'failed', reason: event.reason };
      return { ok: true, status: 'done', reason: event.outcome };
    }
    case 'skip':
      return has(LEAD_WAITING_STATES, status)
        ? { ok: true, status: 'skipped', reason: event.reason }
        : refused;
  }
}

/** What a recorded change sets off: a lead off the phone lets its campaign dial the next one. */
export type LeadEffect = 'wake-campaign';

function leadEffects({ from, to }: Change<LeadState, LeadEvent>): LeadEffect[] {
  return has(LEAD_CALLING_STATES, from) && !has(LEAD_CALLING_STATES, to) ? ['wake-campaign'] : [];
}

export const LEAD_LIFECYCLE: Lifecycle<LeadState, LeadEvent, LeadFacts, LeadEffect> = {
  name: 'campaign-lead',
  live: LEAD_LIVE_STATES,
  terminal: LEAD_TERMINAL_STATES,
  facts: { retryAllowed: [false, true] },
  transition: leadTransition,
  effects: leadEffects,
};

/**
 * The lead event an agent call's state means for the lead it is an attempt of: answered → on the
 * call; over → finished with how it ended (the agent's outcome when it reported one, else
 * `completed`), or failed. Still ringing: nothing yet.
 */
export function leadEventOfCall(call: {
  status: AgentCallState;
  outcome: AgentOutcome | null;
  failureReason: string | null;
}): LeadEvent | undefined {
  switch (call.status) {
    case 'initiated':
    case 'ringing':
      return undefined;
    case 'answered':
      return { type: 'answered' };
    case 'ended':
      return { type: 'finished', outcome: call.outcome ?? 'completed' };
    case 'missed':
      return { type: 'finished', outcome: 'no_answer' };
    case 'busy':
      return { type: 'finished', outcome: 'busy' };
    // "Not now" on the ring: the callee turned the call down.
    case 'canceled':
      return { type: 'finished', outcome: 'declined' };
    case 'failed':
      return { type: 'fail', reason: call.failureReason ?? 'failed' };
  }
}
