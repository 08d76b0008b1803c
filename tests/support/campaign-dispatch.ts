/** Helpers for dispatcher tests: a running campaign with leads, a step at a chosen time, rows. */
import { campaignStep } from '../../api/_lib/campaigns/campaign-step';
import { tickOf } from '../../api/_lib/domain/campaign-dispatch';
import type { DevUser } from '../../dev/dev-users';
import { campaignAction, createCampaign, uploadLeads } from './campaigns';
import type { TestEnvironment } from './test-environment';

/** Every hour of every day: for tests about something other than the window. */
const ALWAYS = { startHour: 0, endHour: 24, days: [1, 2, 3, 4, 5, 6, 7] };

/** A campaign with these leads (a CSV), started; its first step is published, not delivered. */
export async function runningCampaign(
  env: TestEnvironment,
  csv: string,
  settings: Record<string, unknown> = {},
  as: DevUser = env.users.alice,
): Promise<string> {
  const campaign = await createCampaign(env, as, { window: ALWAYS, ...settings });
  const upload = await uploadLeads(env, as, campaign.id, csv);
  if (upload.status !== 201) throw new Error(`upload failed: ${await upload.text()}`);
  const started = await campaignAction(env, as, campaign.id, 'start');
  if (started.status !== 200) throw new Error(`start failed: ${await started.text()}`);
  return campaign.id;
}

/** `count` Japanese mobile numbers, one lead each. */
export function phoneLeads(count: number, first = 0): string {
  const rows = Array.from(
    { length: count },
    (_, i) => `+8190${String(10_000_000 + first + i).slice(-8)},Lead ${first + i}`,
  );
  return `phone,customer_name\n${rows.join('\n')}\n`;
}

/** When the dispatcher tests step: noon on a Monday in Tokyo, inside any office-hours window. */
export const MONDAY_NOON_TOKYO = new Date('2026-12-07T03:00:00Z');

/** One step of the campaign at `now` (its own tick). */
export function stepAt(campaignId: string, now: Date) {
  return campaignStep({ campaignId, tick: tickOf(now) }, now);
}

export interface LeadState {
  id: string;
  phone: string | null;
  line_user_id: string | null;
  time_zone: string;
  status: string;
  skip_reason: string | null;
  outcome: string | null;
  attempts: number;
  next_attempt_at: Date | null;
}

export async function leadStates(env: TestEnvironment, campaignId: string): Promise<LeadState[]> {
  const { rows } = await env.db.query<LeadState>(
    `SELECT id, phone, line_user_id, time_zone, status, skip_reason, outcome, attempts,
       next_attempt_at
     FROM campaign_leads WHERE campaign_id = $1 ORDER BY id`,
    [campaignId],
  );
  return rows;
}

export async function statusCounts(
  env: TestEnvironment,
  campaignId: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const lead of await leadStates(env, campaignId)) {
    counts[lead.status] = (counts[lead.status] ?? 0) + 1;
  }
  return counts;
}

export interface AttemptSession {
  sid: string;
  status: string;
  campaign_lead_id: string;
  campaign_attempt: number;
  callee_phone: string | null;
  callee_user_id: string | null;
  requested_by: string;
  script: string;
  language: string;
  context: Record<string, unknown> | null;
  sip_trunk_id: string | null;
  caller_id: string | null;
}

/** The agent call sessions of a campaign's leads, in lead and attempt order. */
export async function attemptSessions(
  env: TestEnvironment,
  campaignId: string,
): Promise<AttemptSession[]> {
  const { rows } = await env.db.query<AttemptSession>(
    `SELECT s.sid, s.status, s.campaign_lead_id, s.campaign_attempt, s.callee_phone,
       s.callee_user_id, s.requested_by, s.script, s.language, s.context, s.sip_trunk_id,
       s.caller_id
     FROM agent_call_sessions s JOIN campaign_leads l ON l.id = s.campaign_lead_id
     WHERE l.campaign_id = $1 ORDER BY s.campaign_lead_id, s.campaign_attempt`,
    [campaignId],
  );
  return rows;
}

export async function campaignStatus(env: TestEnvironment, campaignId: string): Promise<string> {
  const { rows } = await env.db.query('SELECT status FROM campaigns WHERE id = $1', [campaignId]);
  return rows[0].status;
}

/** The campaign-step messages published to the QStash stand-in for this campaign. */
export function publishedSteps(env: TestEnvironment, campaignId: string) {
  return env.qstash
    .messages()
    .filter((m) => m.url.endsWith('/api/jobs/campaign-step') && m.body.includes(campaignId))
    .map((m) => ({ ...m, payload: JSON.parse(m.body) as { campaignId: string; tick: number } }));
}
