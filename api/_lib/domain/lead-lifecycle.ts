/**
 * A campaign lead's lifecycle (docs/campaigns.md#states): each lead is called until it is done,
 * its retries are spent, or it is skipped. Nothing moves leads yet (the dispatcher is a later
 * layer); the states are what the table's CHECK holds and what the import writes.
 *
 *   pending ──dial──► dialing ──answered──► in_call
 *      ▲                 │                     │
 *      │                 └──finished / fail────┴──► retry_scheduled (policy allows) ──dial──┐
 *      │                                        └─► done (outcome) / failed                 │
 *   pending, retry_scheduled ──skip (do-not-call, window)──► skipped         dialing ◄──────┘
 *
 * Whether a finished call is retried is a fact the store works out from the campaign's retry
 * policy (the outcome is one it retries and attempts are left), so the decision stays a table.
 */
import { AGENT_OUTCOMES } from './agent-conversation.js';
import type { Decision, Lifecycle } from './lifecycle.js';

export const LEAD_LIVE_STATES = ['pending', 'dialing', 'in_call', 'retry_scheduled'] as const;
export const LEAD_TERMINAL_STATES = ['done', 'failed', 'skipped'] as const;
export const LEAD_STATES = [...LEAD_LIVE_STATES, ...LEAD_TERMINAL_STATES] as const;
export type LeadState = (typeof LEAD_STATES)[number];
/** Waiting for a dial: what a campaign still has to do. */
export const LEAD_WAITING_STATES = ['pending', 'retry_scheduled'] as const;

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

export const LEAD_LIFECYCLE: Lifecycle<LeadState, LeadEvent, LeadFacts, never> = {
  name: 'campaign-lead',
  live: LEAD_LIVE_STATES,
  terminal: LEAD_TERMINAL_STATES,
  facts: { retryAllowed: [false, true] },
  transition: leadTransition,
  effects: () => [],
};
