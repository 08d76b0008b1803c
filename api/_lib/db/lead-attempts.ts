/**
 * A campaign lead as the lifecycle engine moves it (docs/lifecycle-engine.md): one event, one
 * statement, recorded once in `campaign_lead_events`. The step's claim moves many leads at once
 * (db/campaign-dispatch.ts); every other move — the lead following its call — comes through here.
 */
import { CAMPAIGN_TERMINAL_STATES } from '../domain/campaign-lifecycle.js';
import type { CallingWindow } from '../domain/calling-window.js';
import {
  LEAD_LIFECYCLE,
  type LeadEvent,
  type LeadFacts,
  type LeadOutcome,
  type LeadState,
} from '../domain/lead-lifecycle.js';
import {
  applyEvent,
  eventStatement,
  type Applied,
  type EventInput,
  type LifecycleTable,
} from './lifecycle-store.js';
import { query, type Statement } from './pool.js';
import { inList } from './sql.js';

/** A lead with what a dial and a retry need. */
export interface CampaignLead {
  id: number;
  campaignId: string;
  target: { phone: string } | { lineUserId: string };
  fields: Record<string, string>;
  timeZone: string;
  status: LeadState;
  skipReason: string | null;
  outcome: LeadOutcome | null;
  attempts: number;
  nextAttemptAt: string | null;
  dialedAt: string | null;
}

export interface LeadRow {
  id: string;
  campaign_id: string;
  phone: string | null;
  line_user_id: string | null;
  fields: Record<string, string>;
  time_zone: string;
  status: LeadState;
  skip_reason: string | null;
  outcome: LeadOutcome | null;
  attempts: number;
  next_attempt_at: Date | null;
  dialed_at: Date | null;
}

export const LEAD_COLUMNS = `id, campaign_id, phone, line_user_id, fields, time_zone, status,
  skip_reason, outcome, attempts, next_attempt_at, dialed_at`;

const CALLING_CAMPAIGN = `c.status NOT IN ${inList(CAMPAIGN_TERMINAL_STATES)}`;

const LEADS: LifecycleTable<LeadState, LeadEvent, LeadFacts, LeadRow, CampaignLead> = {
  lifecycle: LEAD_LIFECYCLE,
  table: 'campaign_leads',
  key: 'id',
  eventsTable: 'campaign_lead_events',
  ownerColumn: 'lead_id',
  columns: LEAD_COLUMNS,
  facts: {
    // The attempt's outcome (a failed call's is 'failed') is one the campaign retries, attempts
    // are left, and the campaign is not over: a completed or canceled campaign retries nobody.
    retryAllowed: `EXISTS (SELECT 1 FROM campaigns c WHERE c.id = r.campaign_id
        AND ${CALLING_CAMPAIGN} AND r.attempts < c.max_attempts
        AND COALESCE(:data::jsonb ->> 'outcome', 'failed') = ANY (c.retry_outcomes))`,
  },
  sets: [
    'status = d.to_status',
    `skip_reason = CASE WHEN d.to_status = 'skipped' THEN d.reason ELSE r.skip_reason END`,
    `outcome = CASE WHEN d.to_status IN ('done', 'failed', 'retry_scheduled')
       THEN COALESCE(:data::jsonb ->> 'outcome', 'failed') ELSE r.outcome END`,
    // The use case works out when, in the lead's window, the retry is due (:data.retryAt).
    `next_attempt_at = CASE WHEN d.to_status = 'retry_scheduled'
       THEN COALESCE((:data::jsonb ->> 'retryAt')::timestamptz, now()) ELSE r.next_attempt_at END`,
    // An event may carry its own time (:at); the statement must name the parameter's type.
    'updated_at = COALESCE(:at::timestamptz, now())',
  ],
  toRecord: toLead,
};

/** Applies one lifecycle event to one lead in one statement (see lifecycle-store.ts). */
export async function applyLeadEvent(
  input: EventInput<LeadEvent>,
): Promise<Applied<CampaignLead, LeadState>> {
  // Awaited, not passed on: the async stack of the statement then names who applied the event.
  return await applyEvent(LEADS, input);
}

/** The statement applyLeadEvent sends (docs/statements/apply-lead-event.sql). */
export function leadEventStatement(input: EventInput<LeadEvent>): Statement {
  return eventStatement(LEADS, input);
}

/** What deciding a retry's time needs: the lead's zone and its campaign's window and delay. */
export interface RetryPlan {
  campaignId: string;
  timeZone: string;
  window: CallingWindow;
  delayMinutes: number;
}

export async function findRetryPlan(leadId: number): Promise<RetryPlan | undefined> {
  const [row] = await query<{
    campaign_id: string;
    time_zone: string;
    window_start_hour: number;
    window_end_hour: number;
    window_days: number[];
    retry_delay_minutes: number;
  }>(
    `SELECT l.campaign_id, l.time_zone, c.window_start_hour, c.window_end_hour, c.window_days,
       c.retry_delay_minutes
     FROM campaign_leads l JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = $1`,
    [leadId],
  );
  return (
    row && {
      campaignId: row.campaign_id,
      timeZone: row.time_zone,
      window: {
        startHour: row.window_start_hour,
        endHour: row.window_end_hour,
        days: row.window_days,
      },
      delayMinutes: row.retry_delay_minutes,
    }
  );
}

export function toLead(row: LeadRow): CampaignLead {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: Number(row.id),
    campaignId: row.campaign_id,
    target: row.phone ? { phone: row.phone } : { lineUserId: row.line_user_id! },
    fields: row.fields,
    timeZone: row.time_zone,
    status: row.status,
    skipReason: row.skip_reason,
    outcome: row.outcome,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    dialedAt: iso(row.dialed_at),
  };
}
