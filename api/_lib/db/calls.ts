/**
 * 1:1 calls and their audit trail. The lifecycle decides; this module makes each decision
 * atomic: the call row is locked, the event is recorded once under its provider id, and the
 * UPDATE applies only from the state the decision was made on.
 */
import {
  isLive,
  transition,
  type CallEvent,
  type CallState,
  type Transition,
} from '../calls/call-lifecycle';
import { applyLoggedEvent, type EventSource, type EventTable } from './event-log';
import { query } from './pool';

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
  | { kind: 'replayed'; call: Call }
  | { kind: 'pair-busy'; call: Call };

export async function insertCall(input: {
  callerId: string;
  calleeId: string;
  media: Media;
  idempotencyKey: string;
}): Promise<InsertCallResult> {
  try {
    const [row] = await query<CallRow>(
      `INSERT INTO calls (caller_id, callee_id, media, idempotency_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (caller_id, idempotency_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [input.callerId, input.calleeId, input.media, input.idempotencyKey],
    );
    if (row) return { kind: 'created', call: toCall(row) };
    const [existing] = await query<CallRow>(
      `SELECT ${COLUMNS} FROM calls WHERE caller_id = $1 AND idempotency_key = $2`,
      [input.callerId, input.idempotencyKey],
    );
    return { kind: 'replayed', call: toCall(existing!) };
  } catch (error) {
    if ((error as { constraint?: string }).constraint !== 'calls_one_live_per_pair') throw error;
    const [live] = await query<CallRow>(
      `SELECT ${COLUMNS} FROM calls
       WHERE LEAST(caller_id, callee_id) = LEAST($1, $2)
         AND GREATEST(caller_id, callee_id) = GREATEST($1, $2)
         AND status IN ('initiated', 'ringing', 'accepted', 'connected')`,
      [input.callerId, input.calleeId],
    );
    // The live call may have ended between the two statements; then the pair is free: retry.
    return live ? { kind: 'pair-busy', call: toCall(live) } : insertCall(input);
  }
}

export async function findCall(id: string): Promise<Call | undefined> {
  const [row] = await query<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE id = $1`, [id]);
  return row && toCall(row);
}

export async function countCallsStartedSince(callerId: string, since: Date): Promise<number> {
  const [row] = await query<{ count: string }>(
    'SELECT count(*) FROM calls WHERE caller_id = $1 AND created_at > $2',
    [callerId, since],
  );
  return Number(row!.count);
}

export interface CallHistoryEntry extends Call {
  other: { id: string; displayName: string; pictureUrl: string | null };
  direction: 'outgoing' | 'incoming';
}

export async function listCallsOf(userId: string, limit = 50): Promise<CallHistoryEntry[]> {
  const rows = await query<
    CallRow & { other_id: string; other_name: string; other_picture: string | null }
  >(
    `SELECT c.*, u.line_user_id AS other_id,
            u.display_name AS other_name, u.picture_url AS other_picture
     FROM calls c
     JOIN users u ON u.line_user_id = CASE WHEN c.caller_id = $1 THEN c.callee_id ELSE c.caller_id END
     WHERE c.caller_id = $1 OR c.callee_id = $1
     ORDER BY c.created_at DESC
     LIMIT $2`,
    [userId, limit],
  );
  return rows.map((row) => ({
    ...toCall(row),
    other: { id: row.other_id, displayName: row.other_name, pictureUrl: row.other_picture },
    direction: row.caller_id === userId ? 'outgoing' : 'incoming',
  }));
}

export type ApplyResult =
  | { outcome: 'applied'; call: Call; from: CallState }
  | { outcome: 'refused' | 'duplicate'; call: Call }
  | { outcome: 'not-found' };

const CALLS: EventTable<CallRow> = {
  lockSql: `SELECT ${COLUMNS} FROM calls WHERE id = $1 FOR UPDATE`,
  eventsTable: 'call_events',
  ownerColumn: 'call_id',
  statusOf: (row) => row.status,
};

/** Applies one lifecycle event to one call (see event-log.ts for how it stays atomic). */
export async function applyCallEvent(
  callId: string,
  event: CallEvent,
  origin: EventSource,
): Promise<ApplyResult> {
  const result = await applyLoggedEvent(
    CALLS,
    callId,
    event,
    origin,
    (row) =>
      transition(
        {
          status: row.status,
          callerJoinedAt: row.caller_joined_at?.getTime() ?? null,
          calleeJoinedAt: row.callee_joined_at?.getTime() ?? null,
        },
        event,
      ),
    async (tx, row, decision) => {
      const [updated] = await tx.query<CallRow>(updateStatement(decision), [
        callId,
        row.status,
        decision.status,
        decision.reason ?? row.end_reason,
        toDate(decision.callerJoinedAt),
        toDate(decision.calleeJoinedAt),
      ]);
      return updated!;
    },
  );
  if (result.outcome === 'not-found') return result;
  if (result.outcome === 'applied') {
    return { outcome: 'applied', call: toCall(result.row), from: result.from as CallState };
  }
  return { outcome: result.outcome, call: toCall(result.row) };
}

export async function markMissedNotified(callId: string): Promise<void> {
  await query('UPDATE calls SET missed_notified_at = now() WHERE id = $1', [callId]);
}

/** The UPDATE for a decided transition: status, the timestamp of the state reached, presence. */
function updateStatement(decision: Extract<Transition, { ok: true }>): string {
  const stamp: Partial<Record<CallState, string>> = {
    ringing: 'ringing_at = now()',
    accepted: 'accepted_at = now()',
    connected: 'connected_at = now()',
  };
  const sets = [
    'status = $3',
    stamp[decision.status],
    'caller_joined_at = $5',
    'callee_joined_at = $6',
    'end_reason = $4',
    ...(isLive(decision.status)
      ? []
      : [
          'ended_at = now()',
          `duration_seconds = CASE WHEN connected_at IS NULL THEN 0
             ELSE GREATEST(0, round(extract(epoch FROM now() - connected_at)))::int END`,
        ]),
  ].filter(Boolean);
  return `UPDATE calls SET ${sets.join(', ')} WHERE id = $1 AND status = $2 RETURNING ${COLUMNS}`;
}

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

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
