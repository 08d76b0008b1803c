/**
 * The one way a lifecycle event is applied to a row, for 1:1 calls and agent calls alike, in a
 * single statement (one round trip, so callbacks stay fast and atomic):
 *
 *   1. lock the row and work out the room facts the decision depends on (who the participant
 *      is, from the room identity their token carried; whether the other party is in; whether
 *      the event is older than their re-join);
 *   2. look the decision up in the table the pure lifecycle computed for this event;
 *   3. record the event in the audit table once per provider event id, refused or not, so the
 *      trail shows everything that arrived;
 *   4. update the row only when the event was new and allowed.
 *
 * A second delivery finds its event id taken and changes nothing; a late event is refused by the
 * lifecycle. Under concurrency the row lock orders events, and the decision is taken on the row
 * as the lock left it.
 */
import { query, type Statement } from './pool.js';

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
   * SQL expressions over the locked row `r`, $3 (participant identity), `p` (the user whose room
   * identity $3 is: all NULL for a phone or an identity no user has) and $4 (event time): the
   * facts the decisions are keyed on, in key order.
   */
  facts: Record<string, { sql: string }>;
  /** SET clauses over `r` (the row), `d` (to_status, reason, the facts) and $3–$5. */
  sets: string[];
}

/**
 * A lifecycle's decisions for one event, as the statement looks them up: the key is the state and
 * the facts in `EventTable.facts` order joined by '|' (booleans as 'true'/'false', as Postgres
 * prints them); the value is [next state, reason]. A missing key is a refusal, so only allowed
 * transitions are sent.
 */
type DecisionLookup = Record<string, [string, string | null]>;

interface TableRow {
  from: string;
  to: string | null;
  reason: string | null;
}

const compiled = new Map<string, string>();

/**
 * The lookup for one event, from a lifecycle's decision table; memoised, since the same few
 * events arrive over and over (a bounded cache: reasons may carry free text).
 */
export function compileDecisions<Event extends { type: string }, Row extends TableRow>(
  lifecycle: string,
  event: Event,
  table: (event: Event) => Row[],
  factsOf: (row: Row) => (string | boolean)[],
): string {
  const cacheKey = `${lifecycle}:${JSON.stringify(event)}`;
  let lookup = compiled.get(cacheKey);
  if (lookup === undefined) {
    const decisions: DecisionLookup = {};
    for (const row of table(event)) {
      if (row.to !== null) decisions[[row.from, ...factsOf(row)].join('|')] = [row.to, row.reason];
    }
    lookup = JSON.stringify(decisions);
    if (compiled.size >= 500) compiled.clear();
    compiled.set(cacheKey, lookup);
  }
  return lookup;
}

/** The outcome, with the record as it now is (as it was, when nothing changed). */
export type Applied<Record> =
  { outcome: 'applied' | 'refused' | 'duplicate'; record: Record } | { outcome: 'not-found' };

/**
 * The statement that applies one event to one row. Its text depends only on the table, so it is
 * built once and sent as a named prepared statement: each connection parses and plans it once
 * instead of on every event (planning took as long as executing it).
 */
export function loggedEventStatement(
  table: EventTable,
  id: string,
  event: { type: string },
  decisions: string,
  origin: EventSource,
  participant: RoomParticipant | undefined,
): Statement {
  const { type: eventType, ...data } = event;
  return {
    name: `apply-event-${table.table}`,
    text: statementText(table),
    values: [
      id,
      decisions,
      participant?.identity ?? null,
      participant?.at ?? null,
      eventType,
      origin.source,
      origin.eventId ?? null,
      { ...data, ...origin.data },
    ],
  };
}

const texts = new Map<EventTable, string>();

function statementText(table: EventTable): string {
  let text = texts.get(table);
  if (text === undefined) texts.set(table, (text = buildStatementText(table)));
  return text;
}

function buildStatementText(table: EventTable): string {
  const factNames = Object.keys(table.facts);
  const key = ['cur.status', ...factNames.map((name) => `cur.${name}::text`)].join(` || '|' || `);
  return `WITH cur AS (
       SELECT r.*${factNames.map((name) => `, ${table.facts[name]!.sql} AS ${name}`).join('')}
       FROM ${table.table} r LEFT JOIN users p ON p.room_identity = $3::text
       WHERE r.${table.key} = $1 FOR UPDATE OF r
     ),
     looked_up AS (SELECT cur.*, $2::jsonb -> (${key}) AS decision FROM cur),
     decided AS (
       SELECT ${table.key} AS owner, status AS from_status, decision ->> 0 AS to_status,
         decision ->> 1 AS reason${factNames.map((name) => `, ${name}`).join('')}
       FROM looked_up
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
     SELECT false, EXISTS (SELECT 1 FROM recorded), ${table.columns} FROM cur`;
}

export async function applyLoggedEvent<Row extends { status: string }, Record>(
  table: EventTable,
  id: string,
  event: { type: string },
  decisions: string,
  origin: EventSource,
  participant: RoomParticipant | undefined,
  toRecord: (row: Row) => Record,
): Promise<Applied<Record>> {
  const rows = await query<Row & { after: boolean; recorded: boolean }>(
    loggedEventStatement(table, id, event, decisions, origin, participant),
  );
  const before = rows.find((row) => !row.after);
  if (!before) return { outcome: 'not-found' };
  const after = rows.find((row) => row.after);
  if (after) {
    logStateChange(table.eventsTable, id, before.status, after.status, event.type, origin);
    return { outcome: 'applied', record: toRecord(after) };
  }
  return { outcome: before.recorded ? 'refused' : 'duplicate', record: toRecord(before) };
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
