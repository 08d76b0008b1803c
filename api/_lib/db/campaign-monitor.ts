/**
 * What the console's live monitor reads, polled every ~2 s by each operator watching a campaign:
 * the lead counts (from the index on (campaign_id, status, outcome) alone) and the live calls
 * (from the partial index of live campaign sessions, which holds only calls in progress).
 */
import { AGENT_LIVE_STATES, type AgentCallState } from '../domain/agent-call-lifecycle.js';
import {
  LEAD_OUTCOMES,
  LEAD_STATES,
  type LeadOutcome,
  type LeadState,
} from '../domain/lead-lifecycle.js';
import { query } from './pool.js';
import { inList } from './sql.js';

export interface LeadCounts {
  leads: Record<LeadState, number>;
  outcomes: Record<LeadOutcome, number>;
}

const zeroes = <Key extends string>(keys: readonly Key[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;

/** A campaign's leads by state, and by outcome (leads that have one), every key present. */
export async function countLeads(campaignId: string): Promise<LeadCounts> {
  const rows = await query<{ status: LeadState; outcome: LeadOutcome | null; n: number }>(
    `SELECT status, outcome, count(*)::int AS n FROM campaign_leads
     WHERE campaign_id = $1 GROUP BY status, outcome`,
    [campaignId],
  );
  const counts = { leads: zeroes(LEAD_STATES), outcomes: zeroes(LEAD_OUTCOMES) };
  for (const { status, outcome, n } of rows) {
    counts.leads[status] += n;
    if (outcome) counts.outcomes[outcome] += n;
  }
  return counts;
}

export interface LiveCallRow {
  sid: string;
  leadId: number;
  attempt: number;
  phone: string | null;
  lineUserId: string | null;
  name: string | null;
  status: AgentCallState;
  startedAt: string;
  answeredAt: string | null;
  takenOverBy: string | null;
}

/** A campaign's calls in progress, oldest first. */
export async function liveCallsOf(campaignId: string): Promise<LiveCallRow[]> {
  const rows = await query<{
    sid: string;
    lead_id: string;
    attempt: number;
    phone: string | null;
    line_user_id: string | null;
    name: string | null;
    status: AgentCallState;
    created_at: Date;
    answered_at: Date | null;
    taken_over_by: string | null;
  }>(
    // The predicate repeats the partial index's, so the planner may use it.
    `SELECT s.sid, l.id AS lead_id, s.campaign_attempt AS attempt, l.phone, l.line_user_id,
       l.fields ->> 'customer_name' AS name, s.status, s.created_at, s.answered_at,
       s.taken_over_by
     FROM agent_call_sessions s JOIN campaign_leads l ON l.id = s.campaign_lead_id
     WHERE s.campaign_lead_id IS NOT NULL AND s.status IN ${inList(AGENT_LIVE_STATES)}
       AND l.campaign_id = $1
     ORDER BY s.created_at, s.sid`,
    [campaignId],
  );
  return rows.map((row) => ({
    sid: row.sid,
    leadId: Number(row.lead_id),
    attempt: row.attempt,
    phone: row.phone,
    lineUserId: row.line_user_id,
    name: row.name,
    status: row.status,
    startedAt: row.created_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
    takenOverBy: row.taken_over_by,
  }));
}
