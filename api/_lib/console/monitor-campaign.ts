/**
 * The live monitor of a campaign (docs/campaigns.md#the-live-monitor): lead counts, outcomes and
 * the calls in progress with their transcripts so far. The console polls it every ~2 s, so it is
 * four small indexed reads, and its ETag lets a poll that finds nothing new answer 304 with no
 * body. The ETag covers everything but `at` (which changes on every read): a 304 means the
 * campaign looks as it did, and the console goes on counting durations on its own clock.
 */
import { createHash } from 'node:crypto';
import { getCampaign } from '../campaigns/manage-campaigns.js';
import type { CampaignMonitor } from '../console-contract.js';
import { transcriptsOf } from '../db/agent-worker-reports.js';
import { countLeads, liveCallsOf } from '../db/campaign-monitor.js';

export async function monitorCampaign(
  campaignId: string,
): Promise<{ monitor: CampaignMonitor; etag: string }> {
  const [campaign, counts, calls] = await Promise.all([
    getCampaign(campaignId),
    countLeads(campaignId),
    liveCallsOf(campaignId),
  ]);
  const transcripts = await transcriptsOf(calls.map((call) => call.sid));
  const content: Omit<CampaignMonitor, 'at'> = {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      concurrency: campaign.concurrency,
    },
    leads: counts.leads,
    outcomes: counts.outcomes,
    liveCalls: calls.map(({ phone, lineUserId, name, ...call }) => ({
      ...call,
      callee: { phone, lineUserId, name },
      transcript: transcripts.get(call.sid) ?? [],
    })),
  };
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('base64url');
  // Weak: equal content, not equal bytes (`at` differs between two reads of the same content).
  return { monitor: { ...content, at: new Date().toISOString() }, etag: `W/"${digest}"` };
}

/** Whether an If-None-Match header names this ETag (a list, `*`, weak or strong: RFC 9110). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
