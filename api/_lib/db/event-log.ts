/**
 * The one way a lifecycle event is applied to a row, for 1:1 calls and agent calls alike, in a
 * single statement (one round trip, so callbacks stay fast and atomic):
 *
 *   1. lock the row and work out the room facts the decision depends on (who the participant
 *      is, whether the other party is in, whether the event is older than their re-join);
 *   2. look the decision up in the table the pure lifecycle computed for this event;
 *   3. record the event in the audit table once per provider event id, refused or not, so the
 *      trail shows everything that arrived;
 *   4. update the row only when the event was new and allowed.
 *
 * A second delivery finds its event id taken and changes nothing; a late event is refused by the
 * lifecycle. Under concurrency the row lock orders events, and the decision is taken on the row
 * as the lock left it.
 */
import { query } from './pool';

/** Where an event came from; `eventId` makes a second delivery recognisable. */
export interface EventSource {
  source: 'user' | 'livekit' | 'line' | 'qstash' | 'system' | 'api';
  eventId?: string;
  data?: Record<string, unknown>;
}

/** The room participant a LiveKit event is about, and when LiveKit saw it. */
export interface RoomParticipant {
  identity: string | null;
  at: Date;
}

export interface EventTable {
  table: 'calls' | 'agent_call_sessions';
  key: 'id' | 'sid';
  eventsTable: 'call_events' | 'agent_call_events';
  ownerColumn: 'call_id' | 'sid';
  /** Columns returned to the repository. */
  columns: string;
  /**
   * SQL expressions over the locked row `r`, $3 (participant identity) and $4 (event time):
   * the facts the decision table is keyed on, with their SQL types.
   */
  facts: Record<string, { sql: string; type: 'text' | 'boolean' }>;
  /** SET clauses over `r` (the row), `d` (to_status, reason, the facts) and $3–$5. */
  sets: string[];
}

/** One row of a lifecycle's decision table: from a state, with these facts, to a state or null. */
export type DecisionRow = Record<string, string | boolean | null> & {
  from_status: string;
  to_status: string | null;
  reason: string | null;
};

export type Applied<Row> =
  | { outcome: 'applied'; row: Row; from: string }
  | { outcome: 'refused' | 'duplicate'; row: Row }
  | { outcome: 'not-found' };

export async function applyLoggedEvent<Row extends { status: string }>(
  table: EventTable,
  id: string,
  eventType: string,
  decisions: DecisionRow[],
  origin: EventSource,
  participant?: RoomParticipant,
  data?: Record<string, unknown>,
): Promise<Applied<Row>> {
  const factNames = Object.keys(table.facts);
  const rows = await query<Row & { after: boolean; recorded: boolean }>(
    `WITH decision AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS d(from_status text, to_status text,
         reason text${factNames.map((name) => `, ${name} ${table.facts[name]!.type}`).join('')})
     ),
     cur AS (
       SELECT r.*${factNames.map((name) => `, ${table.facts[name]!.sql} AS ${name}`).join('')}
       FROM ${table.table} r WHERE r.${table.key} = $1 FOR UPDATE
     ),
     decided AS (
       SELECT cur.${table.key} AS owner, cur.status AS from_status, d.to_status, d.reason
         ${factNames.map((name) => `, cur.${name}`).join('')}
       FROM cur LEFT JOIN decision d ON d.from_status = cur.status
         ${factNames.map((name) => `AND d.${name} = cur.${name}`).join(' ')}
     ),
     recorded AS (
       INSERT INTO ${table.eventsTable}
         (${table.ownerColumn}, type, from_status, to_status, source, event_id, data)
       SELECT owner, $5, from_status, to_status, $6, $7, $8 FROM decided
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING 1
     ),
     updated AS (
       UPDATE ${table.table} r SET ${table.sets.join(',\n         ')}
       FROM decided d
       WHERE r.${table.key} = d.owner AND d.to_status IS NOT NULL
         AND EXISTS (SELECT 1 FROM recorded)
       RETURNING r.*
     )
     SELECT true AS after, EXISTS (SELECT 1 FROM recorded) AS recorded, ${table.columns}
     FROM updated
     UNION ALL
     SELECT false, EXISTS (SELECT 1 FROM recorded), ${table.columns} FROM cur`,
    [
      id,
      JSON.stringify(decisions),
      participant?.identity ?? null,
      participant?.at ?? null,
      eventType,
      origin.source,
      origin.eventId ?? null,
      { ...data, ...origin.data },
    ],
  );
  const before = rows.find((row) => !row.after);
  if (!before) return { outcome: 'not-found' };
  const after = rows.find((row) => row.after);
  if (after) {
    logStateChange(table.eventsTable, id, before.status, after.status, eventType, origin);
    return { outcome: 'applied', row: after, from: before.status };
  }
  return { outcome: before.recorded ? 'refused' : 'duplicate', row: before };
}

/** One structured line per state change (session, from, to, cause), for the platform's logs. */
function logStateChange(
  table: string,
  id: string,
  from: string,
  to: string,
  cause: string,
  origin: EventSource,
): void {
  if (from === to) return;
  const kind = table === 'call_events' ? 'call' : 'agent_call';
  console.log(JSON.stringify({ level: 'info', kind, id, from, to, cause, source: origin.source }));
}
