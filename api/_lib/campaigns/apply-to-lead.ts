/**
 * Every change to a campaign lead after its claim goes through here: the lead following its call
 * (answered, finished, failed), whoever reports it — a LiveKit webhook, the dial job, the ring
 * time-out, the agent worker's outcome, the step repairing a missed move. The store applies the
 * event in one statement; then the lifecycle's effects run (docs/lifecycle-engine.md).
 */
import { applyLeadEvent, type CampaignLead } from '../db/lead-attempts.js';
import type { EventInput } from '../db/lifecycle-store.js';
import { LEAD_LIFECYCLE, type LeadEffect, type LeadEvent } from '../domain/lead-lifecycle.js';
import { runEffects } from '../domain/lifecycle.js';
import { wakeCampaign } from './schedule-campaign-step.js';

const EFFECTS: { [Effect in LeadEffect]: (lead: CampaignLead) => Promise<void> } = {
  'wake-campaign': (lead) => wakeCampaign(lead.campaignId),
};

/** Applies an event and runs its effects; returns the lead as it now is, or undefined. */
export async function applyToLead(input: EventInput<LeadEvent>): Promise<CampaignLead | undefined> {
  const result = await applyLeadEvent(input);
  if (result.outcome === 'not-found') return undefined;
  if (result.outcome === 'applied') {
    const change = { from: result.from, to: result.record.status, event: input.event };
    await runEffects(LEAD_LIFECYCLE, change, result.record, EFFECTS);
  }
  return result.record;
}
