/**
 * The campaign lifecycle (docs/campaigns.md#states), a pure function of the campaign's state.
 *
 *   draft ──start──► running ◄──resume── paused
 *     │                 │ └────pause────►  │
 *     │                 ├──complete──► completed ◄──complete──┤
 *     └──────cancel─────┴──────► canceled ◄──────cancel───────┘
 *
 * `start` and `resume` need a lead still to call or on a call (`hasLeads`), so a campaign never
 * runs empty.
 * Completed and canceled never change again. Starting or resuming sets the dispatcher going
 * (`start-steps`: its first step); pausing needs no effect, since every step and every dial checks
 * that the campaign runs.
 * `CAMPAIGN_LIFECYCLE` is the descriptor the lifecycle engine applies (./lifecycle.ts).
 */
import type { Change, Decision, Lifecycle } from './lifecycle.js';

export const CAMPAIGN_LIVE_STATES = ['draft', 'running', 'paused'] as const;
export const CAMPAIGN_TERMINAL_STATES = ['completed', 'canceled'] as const;
export const CAMPAIGN_STATES = [...CAMPAIGN_LIVE_STATES, ...CAMPAIGN_TERMINAL_STATES] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
/** Where settings may change and leads may be added: nothing is being dialled. */
export const CAMPAIGN_EDITABLE_STATES = ['draft', 'paused'] as const;

export const CAMPAIGN_ACTIONS = ['start', 'pause', 'resume', 'complete', 'cancel'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];
export type CampaignEvent = { type: CampaignAction };

export type CampaignFacts = {
  /** A lead is still to be called (pending, waiting for its retry) or on a call. */
  hasLeads: boolean;
};

const RULES: Record<
  CampaignAction,
  { from: readonly CampaignState[]; to: CampaignState; needsLeads?: boolean }
> = {
  start: { from: ['draft'], to: 'running', needsLeads: true },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running', needsLeads: true },
  complete: { from: ['running', 'paused'], to: 'completed' },
  cancel: { from: CAMPAIGN_LIVE_STATES, to: 'canceled' },
};

export function campaignTransition(
  status: CampaignState,
  event: CampaignEvent,
  facts: CampaignFacts,
): Decision<CampaignState> {
  const rule = RULES[event.type];
  if (!rule.from.includes(status)) return { ok: false };
  if (rule.needsLeads && !facts.hasLeads) return { ok: false };
  return { ok: true, status: rule.to };
}

export type CampaignEffect = 'start-steps';

function campaignEffects({ from, to }: Change<CampaignState, CampaignEvent>): CampaignEffect[] {
  return from !== 'running' && to === 'running' ? ['start-steps'] : [];
}

export const CAMPAIGN_LIFECYCLE: Lifecycle<
  CampaignState,
  CampaignEvent,
  CampaignFacts,
  CampaignEffect
> = {
  name: 'campaign',
  live: CAMPAIGN_LIVE_STATES,
  terminal: CAMPAIGN_TERMINAL_STATES,
  facts: { hasLeads: [false, true] },
  transition: campaignTransition,
  effects: campaignEffects,
};
