/** Agent call sessions and their audit trail (docs/architecture.md#data). */
import {
  AGENT_CALL_LIFECYCLE,
  AGENT_LIVE_STATES,
  AGENT_RINGING_STATES,
  AGENT_TERMINAL_STATES,
  type AgentCallEvent,
  type AgentCallState,
  type AgentRoomFacts,
} from '../domain/agent-call-lifecycle.js';
import { LIVE_STATES } from '../domain/call-lifecycle.js';
import type { AgentScript } from '../domain/agent-conversation.js';
import type { LeadState } from '../domain/lead-lifecycle.js';
import type { Language } from '../i18n/language.js';
import {
  applyEvent,
  eventStatement,
  type Applied,
  type EventInput,
  type LifecycleTable,
} from './lifecycle-store.js';
import { query, type Statement } from './pool.js';
import { inList } from './sql.js';

/** A campaign lead claimed for a dial and not dialled yet. */
const CLAIMED: LeadState = 'dialing';

export type AgentCallTarget = { lineUserId: string } | { phone: string };

export interface AgentCallSession {
  sid: string;
  room: string;
  target: AgentCallTarget;
  requestedBy: 'self' | 'api' | 'retry' | 'campaign';
  context: Record<string, unknown> | null;
  /** Who supplied the context the agent is given: the callee (none) or a backend. */
  contextSuppliedBy: 'user' | 'backend';
  language: Language;
  script: AgentScript;
  status: AgentCallState;
  retryCount: number;
  originalSid: string | null;
  timeoutNotificationSent: boolean;
  failureReason: string | null;
  sipStatusCode: string | null;
  createdAt: string;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** A campaign's call: the lead and which of its attempts this is (docs/campaigns.md). */
  campaignLeadId: number | null;
  campaignAttempt: number | null;
  /** The campaign's SIP trunk and caller id for a phone; null: LIVEKIT_SIP_TRUNK_ID, its number. */
  sipTrunkId: string | null;
  callerId: string | null;
}

interface SessionRow {
  sid: string;
  room_name: string;
  callee_user_id: string | null;
  callee_phone: string | null;
  requested_by: AgentCallSession['requestedBy'];
  context: Record<string, unknown> | null;
  context_supplied_by: 'user' | 'backend';
  language: Language;
  script: AgentScript;
  status: AgentCallState;
  retry_count: number;
  original_sid: string | null;
  timeout_notification_sent: boolean;
  failure_reason: string | null;
  sip_status_code: string | null;
  created_at: Date;
  ringing_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  campaign_lead_id: string | null;
  campaign_attempt: number | null;
  sip_trunk_id: string | null;
  caller_id: string | null;
}

const COLUMNS = `sid, room_name, callee_user_id, callee_phone, requested_by, context,
  context_supplied_by, language, script,
  status, retry_count, original_sid, timeout_notification_sent, failure_reason, sip_status_code,
  created_at, ringing_at, answered_at, ended_at, duration_seconds, campaign_lead_id,
  campaign_attempt, sip_trunk_id, caller_id`;

export interface NewSession {
  sid: string;
  room: string;
  target: AgentCallTarget;
  requestedBy: AgentCallSession['requestedBy'];
  context: Record<string, unknown> | null;
  contextSuppliedBy: AgentCallSession['contextSuppliedBy'];
  language: Language;
  script: AgentScript;
  retryCount: number;
  originalSid: string | null;
  /** A campaign's attempt: dialled only while the lead is claimed for it and the campaign runs. */
  campaign?: {
    leadId: number;
    attempt: number;
    sipTrunkId: string | null;
    callerId: string | null;
  };
}

export type InsertSessionResult =
  | { kind: 'created'; session: AgentCallSession }
  /** The callee already has a live agent call (one per LINE user or phone number). */
  | { kind: 'callee-busy'; live: AgentCallSession }
  | { kind: 'rate-limited' }
  /** A campaign's attempt that has its session already (the unique (lead, attempt) index). */
  | { kind: 'attempt-dialed'; session: AgentCallSession }
  /** A campaign's attempt whose campaign stopped running (or whose lead moved on) meanwhile. */
  | { kind: 'not-dialable' };

/** Self-service calls ("call me now") a user may ask for in an hour. */
export const SELF_CALLS_PER_HOUR = 5;

/**
 * Records a new session unless its callee has a live one (the partial unique indexes decide, so
 * simultaneous requests make one) or, for a self-service request, the callee asked for
 * SELF_CALLS_PER_HOUR in the last hour. One statement needs no lock for the count: requests that
 * race all see the same count, and the unique index lets only one of them in.
 */
export async function insertSession(input: NewSession): Promise<InsertSessionResult> {
  const campaign = input.campaign;
  // A campaign's dial checks, in the insert itself, that the campaign still runs and the lead is
  // still claimed for this attempt: a pause stops every dial not yet made, at once.
  const [row] = await query<SessionRow>(
    `INSERT INTO agent_call_sessions (sid, room_name, callee_user_id, callee_phone, requested_by,
       context, context_supplied_by, language, retry_count, original_sid, script, initiated_at,
       campaign_lead_id, campaign_attempt, sip_trunk_id, caller_id)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $12, now(), $13::bigint, $14::int, $15, $16
     WHERE ($5 <> 'self' OR (SELECT count(*) FROM agent_call_sessions
       WHERE callee_user_id = $3 AND requested_by = 'self'
         AND created_at > now() - interval '1 hour') < $11)
       AND ($13::bigint IS NULL OR EXISTS (
         SELECT 1 FROM campaign_leads l JOIN campaigns c ON c.id = l.campaign_id
         WHERE l.id = $13::bigint AND l.attempts = $14::int AND l.status = '${CLAIMED}'
           AND c.status = 'running'))
     ON CONFLICT DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      input.sid,
      input.room,
      'lineUserId' in input.target ? input.target.lineUserId : null,
      'phone' in input.target ? input.target.phone : null,
      input.requestedBy,
      input.context,
      input.contextSuppliedBy,
      input.language,
      input.retryCount,
      input.originalSid,
      SELF_CALLS_PER_HOUR,
      input.script,
      campaign?.leadId ?? null,
      campaign?.attempt ?? null,
      campaign?.sipTrunkId ?? null,
      campaign?.callerId ?? null,
    ],
  );
  if (row) return { kind: 'created', session: toSession(row) };
  if (campaign) {
    const dialed = await sessionOfAttempt(campaign.leadId, campaign.attempt);
    if (dialed) return { kind: 'attempt-dialed', session: dialed };
  }
  const live = await liveSessionOf(input.target);
  if (live) return { kind: 'callee-busy', live };
  if (input.requestedBy === 'self') return { kind: 'rate-limited' };
  if (campaign) return { kind: 'not-dialable' };
  // The live call ended in between: the callee is free again, so try once more.
  return insertSession(input);
}

async function liveSessionOf(target: AgentCallTarget): Promise<AgentCallSession | undefined> {
  const [row] = await query<SessionRow>(
    `SELECT ${COLUMNS} FROM agent_call_sessions
     WHERE (callee_user_id = $1 OR callee_phone = $2)
       AND status IN ${inList(AGENT_LIVE_STATES)}`,
    ['lineUserId' in target ? target.lineUserId : null, 'phone' in target ? target.phone : null],
  );
  return row && toSession(row);
}

async function sessionOfAttempt(
  leadId: number,
  attempt: number,
): Promise<AgentCallSession | undefined> {
  const [row] = await query<SessionRow>(
    `SELECT ${COLUMNS} FROM agent_call_sessions
     WHERE campaign_lead_id = $1 AND campaign_attempt = $2`,
    [leadId, attempt],
  );
  return row && toSession(row);
}

export async function findSession(sid: string): Promise<AgentCallSession | undefined> {
  const [row] = await query<SessionRow>(
    `SELECT ${COLUMNS} FROM agent_call_sessions WHERE sid = $1`,
    [sid],
  );
  return row && toSession(row);
}

/** A callee's sessions (or everyone's, for the API key), newest first. */
export async function listSessions(calleeUserId: string | null, limit = 50) {
  // Two statements, not `$1 IS NULL OR callee_user_id = $1`: each has an index that returns its
  // rows already in order (by callee; by creation), where the combined one scans the table.
  const rows = calleeUserId
    ? await query<SessionRow>(
        `SELECT ${COLUMNS} FROM agent_call_sessions
         WHERE callee_user_id = $1 ORDER BY created_at DESC LIMIT $2`,
        [calleeUserId, limit],
      )
    : await query<SessionRow>(
        `SELECT ${COLUMNS} FROM agent_call_sessions ORDER BY created_at DESC LIMIT $1`,
        [limit],
      );
  return rows.map(toSession);
}

/**
 * The busy check (docs/decisions.md#the-busy-window) as a SQL condition on a (qualified) user id:
 * a live agent call or 1:1 call involving the user that started within the last `windowSeconds`.
 */
export function userIsBusySql(userId: string, windowSeconds: string): string {
  return `(EXISTS (
      SELECT 1 FROM agent_call_sessions busy_s
      WHERE busy_s.callee_user_id = ${userId}
        AND busy_s.status IN ${inList(AGENT_LIVE_STATES)}
        AND busy_s.created_at > now() - make_interval(secs => ${windowSeconds})
    ) OR EXISTS (
      SELECT 1 FROM calls busy_c
      WHERE (busy_c.caller_id = ${userId} OR busy_c.callee_id = ${userId})
        AND busy_c.status IN ${inList(LIVE_STATES)}
        AND busy_c.created_at > now() - make_interval(secs => ${windowSeconds})
    ))`;
}

/** Claims the phone dial of a ringing session once; a second delivery of the job gets nothing. */
export async function claimDial(sid: string): Promise<AgentCallSession | undefined> {
  const [row] = await query<SessionRow>(
    `UPDATE agent_call_sessions SET dial_started_at = now()
     WHERE sid = $1 AND callee_phone IS NOT NULL AND dial_started_at IS NULL
       AND status IN ${inList(AGENT_RINGING_STATES)}
     RETURNING ${COLUMNS}`,
    [sid],
  );
  return row && toSession(row);
}

/**
 * Marks the missed-call notice as sent, after LINE took it. Two deliveries racing may both push,
 * with the same retry key, so LINE still delivers it once.
 */
export async function markTimeoutNotificationSent(sid: string): Promise<void> {
  await query(`UPDATE agent_call_sessions SET timeout_notification_sent = true WHERE sid = $1`, [
    sid,
  ]);
}

export type SessionApplyResult = Applied<AgentCallSession, AgentCallState>;

const TERMINAL = inList(AGENT_TERMINAL_STATES);

const SESSIONS: LifecycleTable<
  AgentCallState,
  AgentCallEvent,
  AgentRoomFacts,
  SessionRow,
  AgentCallSession
> = {
  lifecycle: AGENT_CALL_LIFECYCLE,
  table: 'agent_call_sessions',
  key: 'sid',
  eventsTable: 'agent_call_events',
  ownerColumn: 'sid',
  columns: COLUMNS,
  facts: {
    // The LINE callee by their room identity; a phone callee by the SIP participant's identity.
    isCallee: `COALESCE(p.line_user_id = r.callee_user_id OR :identity::text = 'sip-' || r.sid, false)`,
    stale: `COALESCE(r.answered_at > :at::timestamptz, false)`,
    agentJoined: `r.agent_joined_at IS NOT NULL`,
    isPhone: `r.callee_phone IS NOT NULL`,
  },
  sets: [
    'status = d.to_status',
    // Only when it starts ringing: an agent joining a ringing call keeps its ring deadline.
    `ringing_at = CASE WHEN d.to_status = 'ringing' AND r.status <> 'ringing' THEN now()
       ELSE r.ringing_at END`,
    // The callee's latest join, from LiveKit's event time (or now, for a dialled phone).
    `answered_at = CASE WHEN :event_type = 'answer'
       THEN GREATEST(COALESCE(r.answered_at, :at::timestamptz), :at::timestamptz)
       ELSE r.answered_at END`,
    `timeout_at = CASE WHEN d.to_status = 'missed' THEN now() ELSE r.timeout_at END`,
    // The agent's first join, from LiveKit's event time; `no-agent` is refused once it is set.
    `agent_joined_at = CASE WHEN :event_type = 'agent-joined'
       THEN COALESCE(r.agent_joined_at, :at::timestamptz) ELSE r.agent_joined_at END`,
    // Why it did not end normally: busy, missed, "not now", a dispatch or SIP failure.
    `failure_reason = CASE WHEN d.to_status IN ${TERMINAL} AND d.to_status <> 'ended'
       THEN COALESCE(d.reason, r.failure_reason) ELSE r.failure_reason END`,
    `sip_status_code = COALESCE(:data::jsonb ->> 'sipStatusCode', r.sip_status_code)`,
    `ended_at = CASE WHEN d.to_status IN ${TERMINAL} THEN now() ELSE r.ended_at END`,
    `duration_seconds = CASE WHEN d.to_status NOT IN ${TERMINAL} THEN r.duration_seconds
       WHEN r.answered_at IS NULL THEN 0
       ELSE GREATEST(0, round(extract(epoch FROM now() - r.answered_at)))::int END`,
  ],
  toRecord: toSession,
};

/** Applies one lifecycle event to one session in one statement (see lifecycle-store.ts). */
export async function applySessionEvent(
  input: EventInput<AgentCallEvent>,
): Promise<SessionApplyResult> {
  // Awaited, not passed on: the async stack of the statement then names who applied the event
  // (the bench counts a retry's new call apart from the retry by it).
  return await applyEvent(SESSIONS, input);
}

/** The statement applySessionEvent sends (docs/lifecycle-engine.md shows it). */
export function sessionEventStatement(input: EventInput<AgentCallEvent>): Statement {
  return eventStatement(SESSIONS, input);
}

function toSession(row: SessionRow): AgentCallSession {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    sid: row.sid,
    room: row.room_name,
    target: row.callee_user_id ? { lineUserId: row.callee_user_id } : { phone: row.callee_phone! },
    requestedBy: row.requested_by,
    context: row.context,
    contextSuppliedBy: row.context_supplied_by,
    language: row.language,
    script: row.script,
    status: row.status,
    retryCount: row.retry_count,
    originalSid: row.original_sid,
    timeoutNotificationSent: row.timeout_notification_sent,
    failureReason: row.failure_reason,
    sipStatusCode: row.sip_status_code,
    createdAt: row.created_at.toISOString(),
    ringingAt: iso(row.ringing_at),
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    durationSeconds: row.duration_seconds,
    campaignLeadId: row.campaign_lead_id === null ? null : Number(row.campaign_lead_id),
    campaignAttempt: row.campaign_attempt,
    sipTrunkId: row.sip_trunk_id,
    callerId: row.caller_id,
  };
}
