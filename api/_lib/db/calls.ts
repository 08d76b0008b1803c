/**
 * 1:1 calls and their audit trail. The lifecycle decides; this module makes each decision
 * atomic: the call row is locked, the event is recorded once under its provider id, and the
 * UPDATE applies only from the state the decision was made on.
 */
import {
  CALL_LIFECYCLE,
  LIVE_STATES,
  TERMINAL_STATES,
  type CallEvent,
  type CallState,
  type RoomFacts,
} from '../domain/call-lifecycle.js';
import {
  applyEvent,
  eventStatement,
  type Applied,
  type EventInput,
  type EventSource,
  type LifecycleTable,
} from './lifecycle-store.js';
import { query, withLock, type Statement } from './pool.js';
import { inList } from './sql.js';

export type { EventSource };

export type Media = 'video' | 'audio';

export interface Call {
  id: string;
  callerId: string;
  calleeId: string;
  media: Media;
  status: CallState;
  endReason: string | null;
  createdAt: string;
  ringingAt: string | null;
  acceptedAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** When each party last joined the room (LiveKit's event time). */
  callerJoinedAt: string | null;
  calleeJoinedAt: string | null;
  missedNotified: boolean;
}

const COLUMNS = `id, caller_id, callee_id, media, status, end_reason, created_at, ringing_at,
  accepted_at, connected_at, ended_at, duration_seconds, caller_joined_at, callee_joined_at,
  missed_notified_at`;

interface CallRow {
  id: string;
  caller_id: string;
  callee_id: string;
  media: Media;
  status: CallState;
  end_reason: string | null;
  created_at: Date;
  ringing_at: Date | null;
  accepted_at: Date | null;
  connected_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  caller_joined_at: Date | null;
  callee_joined_at: Date | null;
  missed_notified_at: Date | null;
}

export type InsertCallResult =
  | { kind: 'created'; call: Call }
  | { kind: 'replayed'; call: Call; effectsDone: boolean }
  | { kind: 'pair-busy'; call: Call }
  | { kind: 'rate-limited' };

/**
 * What counts toward a caller's hourly start limit: every call started in the last hour that rang
 * (or may still ring) someone, cancelled ones included, since each sent a ring push — the
 * callee's disturbance and the LINE quota the limit protects. A call that failed before ringing
 * sent nothing and does not count.
 */
const COUNTED_STARTS = `SELECT count(*) FROM calls
  WHERE caller_id = $1 AND created_at > now() - interval '1 hour'
    AND NOT (status = 'failed' AND ringing_at IS NULL)`;

/**
 * Inserts a call unless the key was used (replayed) or the caller reached `startsPerHour`; the
 * count and the insert run under the caller's lock, so simultaneous starts cannot exceed it.
 */
export async function insertCall(input: {
  callerId: string;
  calleeId: string;
  media: Media;
  idempotencyKey: string;
  startsPerHour: number;
}): Promise<InsertCallResult> {
  try {
    return await withLock(`call-starts:${input.callerId}`, async (run) => {
      const [row] = await run<CallRow>(
        `INSERT INTO calls (caller_id, callee_id, media, idempotency_key)
         SELECT $1, $2, $3, $4 WHERE (${COUNTED_STARTS}) < $5
         ON CONFLICT (caller_id, idempotency_key) DO NOTHING
         RETURNING ${COLUMNS}`,
        [input.callerId, input.calleeId, input.media, input.idempotencyKey, input.startsPerHour],
      );
      if (row) return { kind: 'created', call: toCall(row) };
      const existing = await findCallByKey(input.callerId, input.idempotencyKey, run);
      return existing ?? { kind: 'rate-limited' };
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint !== 'calls_one_live_per_pair') throw error;
    const [live] = await query<CallRow>(
      `SELECT ${COLUMNS} FROM calls
       WHERE LEAST(caller_id, callee_id) = LEAST($1, $2)
         AND GREATEST(caller_id, callee_id) = GREATEST($1, $2)
         AND status IN ${inList(LIVE_STATES)}`,
      [input.callerId, input.calleeId],
    );
    // The live call may have ended between the two statements; then the pair is free: retry.
    return live ? { kind: 'pair-busy', call: toCall(live) } : insertCall(input);
  }
}

/** The call an Idempotency-Key already started, and whether its start effects were all done. */
export async function findCallByKey(
  callerId: string,
  idempotencyKey: string,
  run: typeof query = query,
): Promise<Extract<InsertCallResult, { kind: 'replayed' }> | undefined> {
  const [row] = await run<CallRow & { effects_done: boolean }>(
    `SELECT ${COLUMNS}, start_effects_done_at IS NOT NULL AS effects_done
     FROM calls WHERE caller_id = $1 AND idempotency_key = $2`,
    [callerId, idempotencyKey],
  );
  return row && { kind: 'replayed', call: toCall(row), effectsDone: row.effects_done };
}

/** Whether the caller reached the hourly limit (the check before anything else is looked up). */
export async function reachedStartLimit(callerId: string, startsPerHour: number): Promise<boolean> {
  const [row] = await query<{ reached: boolean }>(`SELECT (${COUNTED_STARTS}) >= $2 AS reached`, [
    callerId,
    startsPerHour,
  ]);
  return row!.reached;
}

/** The start's effects (time-out scheduled, callee rung) are all done; a replay has none left. */
export async function markStartEffectsDone(callId: string): Promise<void> {
  await query('UPDATE calls SET start_effects_done_at = now() WHERE id = $1', [callId]);
}

export async function findCall(id: string): Promise<Call | undefined> {
  const [row] = await query<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE id = $1`, [id]);
  return row && toCall(row);
}

export interface CallHistoryEntry extends Call {
  other: { contactId: string; displayName: string; pictureUrl: string | null };
}

export async function listCallsOf(userId: string, limit = 50): Promise<CallHistoryEntry[]> {
  const rows = await query<
    CallRow & { other_contact_id: string; other_name: string; other_picture: string | null }
  >(
    // Two ordered index scans (calls_by_caller, calls_by_callee), each stopped at the limit, then
    // merged: with `caller_id = $1 OR callee_id = $1` Postgres reads and sorts every call of the
    // user first, which grows with their history (36 ms for 10,000 calls).
    `SELECT c.*, u.contact_id AS other_contact_id,
            u.display_name AS other_name, u.picture_url AS other_picture
     FROM ((SELECT * FROM calls WHERE caller_id = $1 ORDER BY created_at DESC LIMIT $2)
           UNION ALL
           (SELECT * FROM calls WHERE callee_id = $1 ORDER BY created_at DESC LIMIT $2)) c
     JOIN users u ON u.line_user_id = CASE WHEN c.caller_id = $1 THEN c.callee_id ELSE c.caller_id END
     ORDER BY c.created_at DESC
     LIMIT $2`,
    [userId, limit],
  );
  return rows.map((row) => ({
    ...toCall(row),
    other: {
      contactId: row.other_contact_id,
      displayName: row.other_name,
      pictureUrl: row.other_picture,
    },
  }));
}

export type ApplyResult = Applied<Call, CallState>;

const TERMINAL = inList(TERMINAL_STATES);

/** The join time kept per party is the latest join LiveKit reported. */
const joinedAt = (party: 'caller' | 'callee') =>
  `${party}_joined_at = CASE WHEN :event_type = 'joined' AND d.party = '${party}'
     THEN GREATEST(COALESCE(r.${party}_joined_at, :at::timestamptz), :at::timestamptz)
     ELSE r.${party}_joined_at END`;

const CALLS: LifecycleTable<CallState, CallEvent, RoomFacts, CallRow, Call> = {
  lifecycle: CALL_LIFECYCLE,
  table: 'calls',
  key: 'id',
  eventsTable: 'call_events',
  ownerColumn: 'call_id',
  columns: COLUMNS,
  facts: {
    party: `CASE WHEN p.line_user_id = r.caller_id THEN 'caller'
                 WHEN p.line_user_id = r.callee_id THEN 'callee' ELSE 'none' END`,
    otherJoined: `CASE WHEN p.line_user_id = r.caller_id THEN r.callee_joined_at IS NOT NULL
                 WHEN p.line_user_id = r.callee_id THEN r.caller_joined_at IS NOT NULL ELSE false END`,
    stale: `COALESCE(CASE WHEN p.line_user_id = r.caller_id THEN r.caller_joined_at > :at::timestamptz
                          WHEN p.line_user_id = r.callee_id THEN r.callee_joined_at > :at::timestamptz
                     END, false)`,
  },
  sets: [
    'status = d.to_status',
    `ringing_at = CASE WHEN d.to_status = 'ringing' THEN COALESCE(r.ringing_at, now()) ELSE r.ringing_at END`,
    `accepted_at = CASE WHEN d.to_status = 'accepted' THEN now() ELSE r.accepted_at END`,
    `connected_at = CASE WHEN d.to_status = 'connected' THEN COALESCE(r.connected_at, now())
       ELSE r.connected_at END`,
    joinedAt('caller'),
    joinedAt('callee'),
    'end_reason = COALESCE(d.reason, r.end_reason)',
    `ended_at = CASE WHEN d.to_status IN ${TERMINAL} THEN now() ELSE r.ended_at END`,
    `duration_seconds = CASE WHEN d.to_status NOT IN ${TERMINAL} THEN r.duration_seconds
       WHEN r.connected_at IS NULL THEN 0
       ELSE GREATEST(0, round(extract(epoch FROM now() - r.connected_at)))::int END`,
  ],
  toRecord: toCall,
};

/**
 * Applies one lifecycle event to one call in one statement (see lifecycle-store.ts). Room events
 * name the participant, from whom the statement works out which party it is.
 */
export async function applyCallEvent(input: EventInput<CallEvent>): Promise<ApplyResult> {
  // Awaited, not passed on: the async stack of the statement then names who applied the event.
  return await applyEvent(CALLS, input);
}

/** The statement applyCallEvent sends; the bench issues it straight through pg as its floor. */
export function callEventStatement(input: EventInput<CallEvent>): Statement {
  return eventStatement(CALLS, input);
}

export async function markMissedNotified(callId: string): Promise<void> {
  await query('UPDATE calls SET missed_notified_at = now() WHERE id = $1', [callId]);
}

function toCall(row: CallRow): Call {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: row.id,
    callerId: row.caller_id,
    calleeId: row.callee_id,
    media: row.media,
    status: row.status,
    endReason: row.end_reason,
    createdAt: row.created_at.toISOString(),
    ringingAt: iso(row.ringing_at),
    acceptedAt: iso(row.accepted_at),
    connectedAt: iso(row.connected_at),
    endedAt: iso(row.ended_at),
    durationSeconds: row.duration_seconds,
    callerJoinedAt: iso(row.caller_joined_at),
    calleeJoinedAt: iso(row.callee_joined_at),
    missedNotified: row.missed_notified_at !== null,
  };
}
