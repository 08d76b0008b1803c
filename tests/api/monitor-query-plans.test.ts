/**
 * The monitor is polled every ~2 s by every operator watching a campaign, so each of its reads
 * must stay small however many leads and calls there are: the lead counts from an index alone,
 * the live calls from the partial index of live campaign calls (not every lead's sessions).
 * The results and export read a campaign's sessions by lead, the analytics by day.
 */
import { expect, test } from 'vitest';
import { countLeads, liveCallsOf } from '../../api/_lib/db/campaign-monitor';
import { callGroups, exportPage } from '../../api/_lib/db/campaign-results';
import { planOf, statementOf } from '../support/query-plans';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

const CAMPAIGN = '00000000-0000-4000-8000-000000000000';

test.each([
  ['lead counts', () => countLeads(CAMPAIGN), /Index Only Scan using campaign_leads_by_state/],
  [
    'live calls',
    () => liveCallsOf(CAMPAIGN),
    /Index Scan using agent_call_sessions_live_by_lead|Bitmap Index Scan on agent_call_sessions_live_by_lead/,
  ],
  [
    'calls outside campaigns',
    () => callGroups({ outsideCampaignsDays: 7 }, 'UTC'),
    /agent_call_sessions_outside_campaigns/,
  ],
  [
    'a campaign’s calls, by lead',
    () => callGroups({ campaignId: CAMPAIGN }, 'UTC'),
    /agent_call_sessions_one_per_attempt/,
  ],
  ['an export page', () => exportPage(CAMPAIGN, 0, 1000), /agent_call_sessions_one_per_attempt/],
])('%s read an index', async (_, work, index) => {
  const plan = await planOf(env, await statementOf(work));
  expect(plan).toMatch(index);
});
