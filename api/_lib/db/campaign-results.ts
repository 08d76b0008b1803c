/**
 * What the console's results, analytics, lead pages and export read. The numbers come from one
 * aggregate per set of calls, grouped so finely that the pure `callStats` (domain/call-stats.ts)
 * can fold them into every figure; the export reads leads a page at a time in id order.
 */
import type { AgentCallState } from '../domain/agent-call-lifecycle.js';
import type { AgentOutcome } from '../domain/agent-conversation.js';
import type { CallGroup } from '../domain/call-stats.js';
import type { LeadOutcome, LeadState } from '../domain/lead-lifecycle.js';
import { badRequest } from '../errors.js';
import { query } from './pool.js';

/** Whose calls: a campaign's attempts, or calls outside campaigns dialed in the last `days`. */
export type CallSet = { campaignId: string } | { outsideCampaignsDays: number };

export async function callGroups(set: CallSet, timeZone: string): Promise<CallGroup[]> {
  const inCampaign = 'campaignId' in set;
  // Outside campaigns a retry ("call me again") is the original's next attempt.
  const attempt = inCampaign ? 's.campaign_attempt' : '1 + s.retry_count';
  const [join, where] = inCampaign
    ? ['JOIN campaign_leads l ON l.id = s.campaign_lead_id', 'l.campaign_id = $2']
    : ['', 's.campaign_lead_id IS NULL AND s.created_at > now() - make_interval(days => $2)'];
  // Aliased in the domain's own names, so the rows are CallGroups as they come.
  return await query<CallGroup>(
    `SELECT extract(hour FROM s.created_at AT TIME ZONE $1)::int AS hour, ${attempt} AS attempt,
       s.answered_at IS NOT NULL AS answered, o.outcome, count(*)::int AS calls,
       count(s.duration_seconds) FILTER (WHERE s.answered_at IS NOT NULL)::int AS timed,
       COALESCE(sum(s.duration_seconds) FILTER (WHERE s.answered_at IS NOT NULL), 0)::float8
         AS "durationSeconds",
       COALESCE(sum(extract(epoch FROM COALESCE(s.ended_at, now()) - s.created_at)), 0)::float8
         AS "dialedSeconds"
     FROM agent_call_sessions s ${join} LEFT JOIN agent_call_outcomes o ON o.sid = s.sid
     WHERE ${where}
     GROUP BY 1, 2, 3, 4`,
    [timeZone, inCampaign ? set.campaignId : set.outsideCampaignsDays],
  ).catch((error: unknown) => {
    // A zone the JavaScript runtime knows and this database's time zone data does not.
    if ((error as { code?: string }).code === '22023') {
      throw badRequest(
        'invalid_time_zone',
        `The database does not know the time zone ${timeZone}.`,
      );
    }
    throw error;
  });
}

export interface AttemptRow {
  sid: string;
  attempt: number;
  status: AgentCallState;
  outcome: AgentOutcome | null;
  failureReason: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
}

/** A lead's attempts, first first. */
export async function attemptsOf(leadId: number): Promise<AttemptRow[]> {
  const rows = await query<{
    sid: string;
    attempt: number;
    status: AgentCallState;
    outcome: AgentOutcome | null;
    failure_reason: string | null;
    created_at: Date;
    answered_at: Date | null;
    ended_at: Date | null;
    duration_seconds: number | null;
  }>(
    `SELECT s.sid, s.campaign_attempt AS attempt, s.status, o.outcome, s.failure_reason,
       s.created_at, s.answered_at, s.ended_at, s.duration_seconds
     FROM agent_call_sessions s LEFT JOIN agent_call_outcomes o ON o.sid = s.sid
     WHERE s.campaign_lead_id = $1 ORDER BY s.campaign_attempt`,
    [leadId],
  );
  return rows.map((row) => ({
    sid: row.sid,
    attempt: row.attempt,
    status: row.status,
    outcome: row.outcome,
    failureReason: row.failure_reason,
    startedAt: row.created_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    durationSeconds: row.duration_seconds,
  }));
}

/** One row of the export: a lead with its last attempt. */
export interface ExportedLead {
  id: number;
  phone: string | null;
  lineUserId: string | null;
  fields: Record<string, string>;
  status: LeadState;
  skipReason: string | null;
  outcome: LeadOutcome | null;
  attempts: number;
  last: {
    startedAt: Date;
    answeredAt: Date | null;
    endedAt: Date | null;
    durationSeconds: number | null;
  } | null;
}

/** A page of a campaign's leads after `afterId`, in id order, each with its last attempt. */
export async function exportPage(
  campaignId: string,
  afterId: number,
  limit: number,
): Promise<ExportedLead[]> {
  const rows = await query<{
    id: string;
    phone: string | null;
    line_user_id: string | null;
    fields: Record<string, string>;
    status: LeadState;
    skip_reason: string | null;
    outcome: LeadOutcome | null;
    attempts: number;
    created_at: Date | null;
    answered_at: Date | null;
    ended_at: Date | null;
    duration_seconds: number | null;
  }>(
    `SELECT l.id, l.phone, l.line_user_id, l.fields, l.status, l.skip_reason, l.outcome,
       l.attempts, s.created_at, s.answered_at, s.ended_at, s.duration_seconds
     FROM campaign_leads l
     LEFT JOIN LATERAL (
       SELECT created_at, answered_at, ended_at, duration_seconds FROM agent_call_sessions
       WHERE campaign_lead_id = l.id ORDER BY campaign_attempt DESC LIMIT 1
     ) s ON true
     WHERE l.campaign_id = $1 AND l.id > $2
     ORDER BY l.id LIMIT $3`,
    [campaignId, afterId, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    phone: row.phone,
    lineUserId: row.line_user_id,
    fields: row.fields,
    status: row.status,
    skipReason: row.skip_reason,
    outcome: row.outcome,
    attempts: row.attempts,
    last: row.created_at && {
      startedAt: row.created_at,
      answeredAt: row.answered_at,
      endedAt: row.ended_at,
      durationSeconds: row.duration_seconds,
    },
  }));
}
