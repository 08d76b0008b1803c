/**
 * Publishes a campaign's step for a tick (docs/campaigns.md#dispatch). The deduplication id names
 * the campaign and the tick, so every publisher of the same tick — the step before it, a lead
 * leaving a call, the sweep — makes one message: at most one step per tick. A start or resume
 * publishes under an id of its own (`r<tick>`): a tick whose step already ran while the campaign
 * was paused must not swallow it.
 */
import { tickOf, tickStart } from '../domain/campaign-dispatch.js';
import { jobId } from '../jobs/job-id.js';
import { scheduleJob } from '../qstash/jobs.js';

export async function scheduleCampaignStep(
  campaignId: string,
  tick: number,
  now = new Date(),
): Promise<void> {
  await publish(campaignId, tick, String(tick), now);
}

/** The first step after a start or resume: now. */
export async function startCampaignSteps(campaignId: string, now = new Date()): Promise<void> {
  const tick = tickOf(now);
  await publish(campaignId, tick, `r${tick}`, now);
}

/**
 * A lead left a call: a line is free, or the campaign may be done. The next tick's step comes
 * (merged with any step already due then); if QStash cannot be reached, the chain of steps and the
 * sweep still come, so this is not worth failing the caller for.
 */
export async function wakeCampaign(campaignId: string, now = new Date()): Promise<void> {
  await scheduleCampaignStep(campaignId, tickOf(now) + 1, now).catch((error: unknown) =>
    console.warn(JSON.stringify({ level: 'warn', wakeCampaign: campaignId, error: String(error) })),
  );
}

async function publish(campaignId: string, tick: number, key: string, now: Date): Promise<void> {
  await scheduleJob(
    'campaign-step',
    { campaignId, tick },
    {
      delaySeconds: Math.max(0, Math.ceil((tickStart(tick).getTime() - now.getTime()) / 1000)),
      deduplicationId: jobId('campaign-step', `${campaignId}_${key}`),
    },
  );
}
