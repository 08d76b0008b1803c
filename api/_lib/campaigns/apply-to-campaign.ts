/**
 * Every change to a campaign goes through here: an operator's action, or the dispatcher's step
 * completing a campaign with nothing left to call. The store applies the event in one statement;
 * then the lifecycle's effects run: a start or resume publishes the first step.
 */
import { applyCampaignEvent, type Campaign } from '../db/campaigns.js';
import type { Applied, EventInput } from '../db/lifecycle-store.js';
import {
  CAMPAIGN_LIFECYCLE,
  type CampaignEffect,
  type CampaignEvent,
  type CampaignState,
} from '../domain/campaign-lifecycle.js';
import { runEffects } from '../domain/lifecycle.js';
import { startCampaignSteps } from './schedule-campaign-step.js';

const EFFECTS: { [Effect in CampaignEffect]: (campaign: Campaign) => Promise<void> } = {
  // The campaign runs either way: with QStash down, the sweep (every minute) publishes a step for
  // every running campaign, so the operator is not told their start failed when it did not.
  'start-steps': (campaign) =>
    startCampaignSteps(campaign.id).catch((error: unknown) =>
      console.warn(
        JSON.stringify({ level: 'warn', startSteps: campaign.id, error: String(error) }),
      ),
    ),
};

export async function applyToCampaign(
  input: EventInput<CampaignEvent>,
): Promise<Applied<Campaign, CampaignState>> {
  const result = await applyCampaignEvent(input);
  if (result.outcome === 'applied') {
    const change = { from: result.from, to: result.record.status, event: input.event };
    await runEffects(CAMPAIGN_LIFECYCLE, change, result.record, EFFECTS);
  }
  return result;
}
