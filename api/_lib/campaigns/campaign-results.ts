/**
 * A campaign's results (lead counts, outcomes and the numbers of its calls), the admins'
 * analytics of agent calls outside campaigns, and one lead's attempts with their transcripts.
 * The figures are folded by the pure `callStats` (domain/call-stats.ts says what each means).
 */
import type { AgentCallAnalytics, CampaignResults, LeadDetail } from '../console-contract.js';
import { transcriptsOf } from '../db/agent-worker-reports.js';
import { listLeads } from '../db/campaign-leads.js';
import { countLeads } from '../db/campaign-monitor.js';
import { attemptsOf, callGroups } from '../db/campaign-results.js';
import { MAX_RETRIES } from '../domain/retry-policy.js';
import { callStats } from '../domain/call-stats.js';
import { notFound } from '../errors.js';
import { getCampaign } from './manage-campaigns.js';

export async function campaignResults(campaignId: string): Promise<CampaignResults> {
  const campaign = await getCampaign(campaignId);
  const [counts, groups] = await Promise.all([
    countLeads(campaignId),
    callGroups({ campaignId }, campaign.timeZone),
  ]);
  return {
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    leads: counts.leads,
    leadOutcomes: counts.outcomes,
    stats: callStats(groups, campaign.timeZone, campaign.retry.maxAttempts),
  };
}

/** Calls outside campaigns dialed in the last `days` days, by hour in `timeZone`. */
export async function agentCallAnalytics(
  days: number,
  timeZone: string,
): Promise<AgentCallAnalytics> {
  const groups = await callGroups({ outsideCampaignsDays: days }, timeZone);
  // The first call and each "call me again" it may get.
  return { days, stats: callStats(groups, timeZone, 1 + MAX_RETRIES) };
}

export async function leadDetail(campaignId: string, leadId: number): Promise<LeadDetail> {
  // The page of one lead starting at it: the campaign's own index, and no second lead mapper.
  const [lead] = await listLeads(campaignId, { afterId: leadId - 1, limit: 1 });
  if (!lead || lead.id !== leadId) {
    await getCampaign(campaignId);
    throw notFound('lead_not_found', 'No such lead in this campaign.');
  }
  const attempts = await attemptsOf(leadId);
  const transcripts = await transcriptsOf(attempts.map((attempt) => attempt.sid));
  return {
    lead,
    attempts: attempts.map((attempt) => ({
      ...attempt,
      transcript: transcripts.get(attempt.sid) ?? [],
    })),
  };
}
