/**
 * The dispatcher's statements (docs/campaigns.md#dispatch). A step claims leads in one
 * transaction holding the campaign's advisory lock: it reads the campaign, its calls and its
 * waiting leads, lets the caller decide how many leads of which time zones to take, then claims
 * them in one statement (`FOR UPDATE SKIP LOCKED`). Two steps at once take turns, and the second
 * counts the first one's claims, so the concurrency and the pace hold however steps overlap.
 *
 * The claim is the lead lifecycle's `dial` (and `skip` for a lead on the do-not-call list at that
 * moment) applied to many leads at once; the states come from the lifecycle's decision table, and
 * each move is recorded in `campaign_lead_events` as the engine records one.
 */
import type { CallingWindow } from '../domain/calling-window.js';
import { decisionTable } from '../domain/lifecycle.js';
import {
  LEAD_CALLING_STATES,
  LEAD_LIFECYCLE,
  LEAD_WAITING_STATES,
  type LeadEvent,
  type LeadState,
} from '../domain/lead-lifecycle.js';
import { AGENT_TERMINAL_STATES } from '../domain/agent-call-lifecycle.js';
import type { AgentScript } from '../domain/agent-conversation.js';
import type { Language } from '../i18n/language.js';
import { LEAD_COLUMNS, toLead, type CampaignLead, type LeadRow } from './lead-attempts.js';
import { query, withLock } from './pool.js';
import { inList } from './sql.js';

/** Where an event takes the leads it applies to, as the lead lifecycle decides (no facts needed). */
function bulkMove(event: LeadEvent): { from: LeadState[]; to: LeadState; reason: string | null } {
  const allowed = decisionTable(LEAD_LIFECYCLE, event).filter((row) => row.to !== null);
  const to = new Set(allowed.map((row) => row.to));
  if (to.size !== 1) throw new Error(`${event.type} does not move leads to one state`);
  return {
    from: [...new Set(allowed.map((row) => row.from))],
    to: allowed[0]!.to!,
    reason: allowed[0]!.reason,
  };
}

const DIAL = bulkMove({ type: 'dial' });
const SKIP_DO_NOT_CALL = bulkMove({ type: 'skip', reason: 'do_not_call' });

/** A running campaign as a step sees it, under its lock. */
export interface DispatchState {
  campaign: {
    id: string;
    script: AgentScript;
    language: Language;
    window: CallingWindow;
    pacePerMinute: number;
    concurrency: number;
    sipTrunkId: string | null;
    callerId: string | null;
  };
  /** Leads on a call (dialing or in_call). */
  calling: number;
  /** Leads claimed in the minute before the step's clock. */
  dialedInLastMinute: number;
  /** Waiting leads by time zone: how many are due now, and when the next later one is. */
  waiting: { timeZone: string; dueNow: number; nextDue: Date | null }[];
}

export type Claim =
  | { kind: 'not-running' }
  /** The leads claimed: `dialing` to dial now, or `skipped` for the do-not-call list. */
  | { kind: 'claimed'; state: DispatchState; claimed: CampaignLead[] };

/**
 * Claims what `plan` allows, at the step's clock `now`. Not running (paused, canceled, …): nothing.
 */
export async function claimLeads(
  campaignId: string,
  now: Date,
  plan: (state: DispatchState) => { limit: number; timeZones: string[] },
): Promise<Claim> {
  return withLock(`campaign-dispatch:${campaignId}`, async (run) => {
    const [campaign] = await run<{
      script: AgentScript;
      language: Language;
      window_start_hour: number;
      window_end_hour: number;
      window_days: number[];
      pace_per_minute: number;
      concurrency: number;
      sip_trunk_id: string | null;
      caller_id: string | null;
      calling: number;
      dialed: number;
      waiting: { time_zone: string; due_now: number; next_due: string | null }[] | null;
    }>(
      `SELECT c.script, c.language, c.window_start_hour, c.window_end_hour, c.window_days,
         c.pace_per_minute, c.concurrency, c.sip_trunk_id, c.caller_id,
         (SELECT count(*)::int FROM campaign_leads l WHERE l.campaign_id = c.id
            AND l.status IN ${inList(LEAD_CALLING_STATES)}) AS calling,
         (SELECT count(*)::int FROM campaign_leads l WHERE l.campaign_id = c.id
            AND l.dialed_at > $2::timestamptz - interval '1 minute') AS dialed,
         (SELECT jsonb_agg(w) FROM (
            SELECT l.time_zone,
              count(*) FILTER (WHERE l.next_attempt_at IS NULL OR l.next_attempt_at <= $2)::int
                AS due_now,
              min(l.next_attempt_at) FILTER (WHERE l.next_attempt_at > $2) AS next_due
            FROM campaign_leads l
            WHERE l.campaign_id = c.id AND l.status IN ${inList(LEAD_WAITING_STATES)}
            GROUP BY l.time_zone) w) AS waiting
       FROM campaigns c WHERE c.id = $1 AND c.status = 'running'`,
      [campaignId, now],
    );
    if (!campaign) return { kind: 'not-running' };
    const state: DispatchState = {
      campaign: {
        id: campaignId,
        script: campaign.script,
        language: campaign.language,
        window: {
          startHour: campaign.window_start_hour,
          endHour: campaign.window_end_hour,
          days: campaign.window_days,
        },
        pacePerMinute: campaign.pace_per_minute,
        concurrency: campaign.concurrency,
        sipTrunkId: campaign.sip_trunk_id,
        callerId: campaign.caller_id,
      },
      calling: campaign.calling,
      dialedInLastMinute: campaign.dialed,
      waiting: (campaign.waiting ?? []).map((w) => ({
        timeZone: w.time_zone,
        dueNow: w.due_now,
        nextDue: w.next_due ? new Date(w.next_due) : null,
      })),
    };
    const { limit, timeZones } = plan(state);
    if (limit <= 0 || timeZones.length === 0) {
      return { kind: 'claimed', state, claimed: [] };
    }
    const rows = await run<LeadRow>(
      `WITH due AS (
         SELECT l.id FROM campaign_leads l
         WHERE l.campaign_id = $1 AND l.status IN ${inList(DIAL.from)}
           AND (l.next_attempt_at IS NULL OR l.next_attempt_at <= $2)
           AND l.time_zone = ANY ($3::text[])
         ORDER BY l.next_attempt_at NULLS FIRST, l.id
         LIMIT $4
         FOR UPDATE SKIP LOCKED
       ),
       decided AS (
         SELECT l.id, l.status AS from_status, dnc.callee IS NOT NULL AS do_not_call
         FROM campaign_leads l JOIN due USING (id)
           LEFT JOIN do_not_call dnc ON dnc.callee = COALESCE(l.phone, l.line_user_id)
       ),
       claimed AS (
         UPDATE campaign_leads l SET
           status = CASE WHEN x.do_not_call THEN '${SKIP_DO_NOT_CALL.to}' ELSE '${DIAL.to}' END,
           skip_reason = CASE WHEN x.do_not_call THEN '${SKIP_DO_NOT_CALL.reason}' END,
           attempts = l.attempts + CASE WHEN x.do_not_call THEN 0 ELSE 1 END,
           dialed_at = CASE WHEN x.do_not_call THEN l.dialed_at ELSE $2 END,
           updated_at = now()
         FROM decided x WHERE l.id = x.id
         RETURNING l.*, x.from_status, x.do_not_call
       ),
       recorded AS (
         INSERT INTO campaign_lead_events (lead_id, type, from_status, to_status, source, event_id,
           data)
         SELECT id, CASE WHEN do_not_call THEN 'skip' ELSE 'dial' END, from_status, status,
           'qstash',
           'lead_' || id || CASE WHEN do_not_call THEN '_skip' ELSE '_a' || attempts || '_dial' END,
           CASE WHEN do_not_call THEN '{"reason": "do_not_call"}'::jsonb ELSE '{}'::jsonb END
         FROM claimed
         ON CONFLICT (source, event_id) DO NOTHING
       )
       SELECT ${LEAD_COLUMNS} FROM claimed ORDER BY next_attempt_at NULLS FIRST, id`,
      [campaignId, now, timeZones, limit],
    );
    return { kind: 'claimed', state, claimed: rows.map(toLead) };
  });
}

/** Rows per step for the repairs below: a handful is all a crash leaves behind. */
const REPAIRS = 25;

/**
 * Leads claimed before `claimedBefore` with no session for their attempt: a step stopped between
 * its claim and the dial (a crash, a time-out, a pause that refused the dial).
 */
export async function findUndialedLeads(
  campaignId: string,
  claimedBefore: Date,
): Promise<CampaignLead[]> {
  const rows = await query<LeadRow>(
    `SELECT ${LEAD_COLUMNS} FROM campaign_leads l
     WHERE l.campaign_id = $1 AND l.status = '${DIAL.to}' AND l.dialed_at < $2
       AND NOT EXISTS (SELECT 1 FROM agent_call_sessions s
                       WHERE s.campaign_lead_id = l.id AND s.campaign_attempt = l.attempts)
     ORDER BY l.dialed_at, l.id LIMIT ${REPAIRS}`,
    [campaignId, claimedBefore],
  );
  return rows.map(toLead);
}

/**
 * Sessions of this campaign's calling leads that are over while their lead still is on the call:
 * the lead missed its move (the effect that moves it was cut off). Their sids, to replay it.
 */
export async function findUnfollowedSessions(campaignId: string): Promise<string[]> {
  const rows = await query<{ sid: string }>(
    `SELECT s.sid FROM campaign_leads l
     JOIN agent_call_sessions s ON s.campaign_lead_id = l.id AND s.campaign_attempt = l.attempts
     WHERE l.campaign_id = $1 AND l.status IN ${inList(LEAD_CALLING_STATES)}
       AND s.status IN ${inList(AGENT_TERMINAL_STATES)}
     LIMIT ${REPAIRS}`,
    [campaignId],
  );
  return rows.map((row) => row.sid);
}

/** The running campaigns, for the sweep to make sure each still has a step coming. */
export async function runningCampaignIds(): Promise<string[]> {
  const rows = await query<{ id: string }>(`SELECT id FROM campaigns WHERE status = 'running'`);
  return rows.map((row) => row.id);
}
