/**
 * Hand-built campaign calls for console tests: a campaign with leads (through the API), and agent
 * call sessions written straight into the database as the dispatcher would leave them, with
 * their outcomes and transcripts, so the monitor's and the results' numbers can be checked
 * against rows whose every time is known.
 */
import { randomBytes } from 'node:crypto';
import type { DevUser } from '../../dev/dev-users';
import { createCampaign, uploadLeads } from './campaigns';
import type { TestEnvironment } from './test-environment';

export async function campaignWithLeads(
  env: TestEnvironment,
  as: DevUser,
  csv: string,
  settings: Record<string, unknown> = {},
): Promise<{ campaignId: string; leadIds: number[] }> {
  const campaign = await createCampaign(env, as, settings);
  const upload = await uploadLeads(env, as, campaign.id, csv);
  if (upload.status !== 201) throw new Error(`upload failed: ${await upload.text()}`);
  const { rows } = await env.db.query<{ id: string }>(
    'SELECT id FROM campaign_leads WHERE campaign_id = $1 ORDER BY id',
    [campaign.id],
  );
  return { campaignId: campaign.id, leadIds: rows.map((row) => Number(row.id)) };
}

export interface HandBuiltCall {
  /** A campaign's attempt at a lead; without, a call outside campaigns. */
  leadId?: number;
  attempt?: number;
  retryCount?: number;
  status: string;
  createdAt: string;
  answeredAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  outcome?: string;
  turns?: ['agent' | 'callee', string][];
  takenOverBy?: string;
}

/** Writes one session (its callee: the lead's number, or a number of its own) and its reports. */
export async function insertCall(env: TestEnvironment, call: HandBuiltCall): Promise<string> {
  const sid = `AC_${randomBytes(8).toString('hex')}`;
  await env.db.query(
    `INSERT INTO agent_call_sessions (sid, room_name, callee_phone, requested_by, status,
       retry_count, created_at, answered_at, ended_at, duration_seconds, campaign_lead_id,
       campaign_attempt, taken_over_by, taken_over_at)
     VALUES ($1, 'agent-' || $1, COALESCE((SELECT phone FROM campaign_leads WHERE id = $10),
       '+8190' || lpad((floor(random() * 1e8))::int::text, 8, '0')),
       CASE WHEN $10::bigint IS NULL THEN 'api' ELSE 'campaign' END, $2, $3, $4, $5, $6, $7,
       $10, $8, $9, CASE WHEN $9::text IS NULL THEN NULL ELSE now() END)`,
    [
      sid,
      call.status,
      call.retryCount ?? 0,
      call.createdAt,
      call.answeredAt ?? null,
      call.endedAt ?? null,
      call.durationSeconds ?? null,
      call.leadId === undefined ? null : (call.attempt ?? 1),
      call.takenOverBy ?? null,
      call.leadId ?? null,
    ],
  );
  if (call.outcome) {
    await env.db.query(
      `INSERT INTO agent_call_outcomes (sid, outcome, reported_at) VALUES ($1, $2, now())`,
      [sid, call.outcome],
    );
  }
  for (const [seq, [speaker, text]] of (call.turns ?? []).entries()) {
    await env.db.query(
      `INSERT INTO agent_call_transcript_turns (sid, seq, speaker, text, spoken_at)
       VALUES ($1, $2, $3, $4, $5::timestamptz + make_interval(secs => $6))`,
      [sid, seq, speaker, text, call.createdAt, seq],
    );
  }
  return sid;
}

/** `user` made an operator by Alice (an admin through OPERATOR_ADMINS). */
export async function makeOperator(env: TestEnvironment, user: DevUser): Promise<void> {
  const response = await env.api('/api/console/operators', {
    as: env.users.alice,
    body: { lineUserId: user.userId, role: 'operator' },
  });
  if (response.status !== 200) throw new Error(`adding operator: ${await response.text()}`);
}
