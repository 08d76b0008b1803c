/**
 * The lifecycle engine's one statement (docs/lifecycle-engine.md shows it whole): it applies one
 * event of any lifecycle to one row, atomically and in one round trip, so callbacks stay fast:
 *
 *   1. lock the row and work out the room facts the decision depends on (who the participant
 *      is, from the room identity their token carried; whether the other party is in; whether
 *      the event is older than their re-join);
 *   2. look the decision up in the table the pure lifecycle computed for this event;
 *   3. record the event in the audit table once per provider event id, refused or not, so the
 *      trail shows everything that arrived;
 *   4. update the row only when the event was new and allowed;
 *   5. return the row once: as the update left it (with the state it came from), else as it was.
 *
 * A second delivery finds its event id taken and changes nothing; a late event is refused by the
 * lifecycle. Under concurrency the row lock orders events, and the decision is taken on the row
 * as the lock left it.
 */
import { decisionTable, factNames, type FactValue, type Lifecycle } from '../domain/lifecycle.js';
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

/**
 * The statement's parameters, in the order they are sent. The SQL names them (`:identity`); the
 * store numbers them, so no fragment depends on a position.
 */
const PARAMETERS = [
  'id',
  'decisions',
  'identity',
  'at',
  'event_type',
  'source',
  'event_id',
  'data',
] as const;
type Parameter = (typeof PARAMETERS)[number];

/** Where a lifecycle's rows live, and how the statement reads their facts and writes a decision. */
export interface LifecycleTable<
  State extends string,
  Event extends { type: string },
  Facts extends Record<string, FactValue>,
  Row extends { status: State },
  Entity,
> {
  lifecycle: Lifecycle<State, Event, Facts>;
  table: string;
  key: string;
  eventsTable: string;
  /** The events table's column naming the row. */
  ownerColumn: string;
  /** Columns returned to the repository. */
  columns: string;
  /**
   * Each fact as SQL over the locked row `r`, `p` (the user whose room identity is :identity; all
   * NULL for a phone or an identity no user has) and :at (the event's time).
   */
  facts: { readonly [Name in keyof Facts]: string };
  /** SET clauses over `r` (the row), `d` (to_status, reason, the facts), :event_type, :at, :data. */
  sets: string[];
  toRecord(row: Row): Entity;
}

// A table of any lifecycle, for the functions that only build text from it.
type AnyTable = LifecycleTable<
  string,
  { type: string },
  Record<string, FactValue>,
  { status: string },
  unknown
>;

/** One event for one row: what happened, where it came from, and the participant it is about. */
export interface EventInput<Event> {
  id: string;
  event: Event;
  origin: EventSource;
  participant?: RoomParticipant;
}

/** The outcome, with the record as it now is (as it was, when nothing changed). */
export type Applied<Entity, State extends string = string> =
  | { outcome: 'applied'; from: State; record: Entity }
  | { outcome: 'refused' | 'duplicate'; record: Entity }
  | { outcome: 'not-found' };

export async function applyEvent<
  State extends string,
  Event extends { type: string },
  Facts extends Record<string, FactValue>,
  Row extends { status: State },
  Entity,
>(
  table: LifecycleTable<State, Event, Facts, Row, Entity>,
  input: EventInput<Event>,
): Promise<Applied<Entity, State>> {
  const [row] = await query<Row & { after: boolean; recorded: boolean; from_status: State }>(
    eventStatement(table, input),
  );
  if (!row) return { outcome: 'not-found' };
  if (row.after) {
    logStateChange(table.lifecycle.name, input, row.from_status, row.status);
    return { outcome: 'applied', from: row.from_status, record: table.toRecord(row) };
  }
  return { outcome: row.recorded ? 'refused' : 'duplicate', record: table.toRecord(row) };
}

/**
 * The statement `applyEvent` sends. Its text depends only on the table, so it is built once and
 * sent as a named prepared statement: each connection parses and plans it once instead of on
 * every event (planning took as long as executing it).
 */
export function eventStatement(
  table: AnyTable,
  { id, event, origin, participant }: EventInput<{ type: string }>,
): Statement {
  const { type, ...data } = event;
  const values: { [Name in Parameter]: unknown } = {
    id,
    decisions: decisionsFor(table.lifecycle, event),
    identity: participant?.identity ?? null,
    at: participant?.at ?? null,
    event_type: type,
    source: origin.source,
    event_id: origin.eventId ?? null,
    data: { ...data, ...origin.data },
  };
  return {
    name: `apply-event-${table.table}`,
    text: statementText(table),
    values: PARAMETERS.map((name) => values[name]),
  };
}

const compiled = new Map<string, string>();

/**
 * The decisions for one event as the statement looks them up: the key is the state and the facts
 * in `factNames` order joined by '|' (booleans as 'true'/'false', as Postgres prints them); the
 * value is [next state, reason]. A missing key is a refusal, so only allowed transitions are sent.
 * Memoised, since the same few events arrive over and over (bounded: reasons may carry free text).
 */
function decisionsFor(lifecycle: AnyTable['lifecycle'], event: { type: string }): string {
  const cacheKey = `${lifecycle.name}:${JSON.stringify(event)}`;
  let lookup = compiled.get(cacheKey);
  if (lookup === undefined) {
    const decisions: Record<string, [string, string | null]> = {};
    for (const row of decisionTable(lifecycle, event)) {
      if (row.to !== null) decisions[[row.from, ...row.facts].join('|')] = [row.to, row.reason];
    }
    lookup = JSON.stringify(decisions);
    if (compiled.size >= 500) compiled.clear();
    compiled.set(cacheKey, lookup);
  }
  return lookup;
}

const texts = new Map<AnyTable, string>();

/** The statement's text for a table (built once), with its parameters numbered. */
function statementText(table: AnyTable): string {
  let text = texts.get(table);
  if (text === undefined) texts.set(table, (text = numberParameters(namedStatement(table))));
  return text;
}

function namedStatement(table: AnyTable): string {
  const facts = factNames(table.lifecycle).map((name) => ({
    column: name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
    sql: table.facts[name]!,
  }));
  const key = ['cur.status', ...facts.map(({ column }) => `cur.${column}::text`)].join(
    ` || '|' || `,
  );
  return `WITH cur AS (
       SELECT r.*${facts
         .map(
           ({ column, sql }) => `,
         ${sql} AS ${column}`,
         )
         .join('')}
       FROM ${table.table} r LEFT JOIN users p ON p.room_identity = :identity::text
       WHERE r.${table.key} = :id FOR UPDATE OF r
     ),
     looked_up AS (SELECT cur.*, :decisions::jsonb -> (${key}) AS decision FROM cur),
     decided AS (
       SELECT ${table.key} AS owner, status AS from_status, decision ->> 0 AS to_status,
         decision ->> 1 AS reason${facts.map(({ column }) => `, ${column}`).join('')}
       FROM looked_up
     ),
     recorded AS (
       INSERT INTO ${table.eventsTable}
         (${table.ownerColumn}, type, from_status, to_status, source, event_id, data)
       SELECT owner, :event_type, from_status, to_status, :source, :event_id, :data FROM decided
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING 1
     ),
     updated AS (
       UPDATE ${table.table} r SET ${table.sets.join(',\n         ')}
       FROM decided d
       WHERE r.${table.key} = d.owner AND d.to_status IS NOT NULL
         AND EXISTS (SELECT 1 FROM recorded)
       RETURNING r.*, d.from_status
     )
     SELECT true AS after, true AS recorded, from_status, ${table.columns} FROM updated
     UNION ALL
     SELECT false, EXISTS (SELECT 1 FROM recorded), status, ${table.columns} FROM cur
     WHERE NOT EXISTS (SELECT 1 FROM updated)`;
}

/** `:name` → `$n` by PARAMETERS; a name not in the list is a mistake in a fragment. */
function numberParameters(text: string): string {
  return text.replace(/(?<![:\w]):([a-z_]+)\b/g, (_, name: string) => {
    const index = PARAMETERS.indexOf(name as Parameter);
    if (index < 0) throw new Error(`Unknown statement parameter :${name}`);
    return `$${index + 1}`;
  });
}

/** One structured line per state change (row, from, to, cause), for the platform's logs. */
function logStateChange(
  lifecycle: string,
  { id, event, origin }: EventInput<{ type: string }>,
  from: string,
  to: string,
): void {
  if (from === to) return;
  const kind = lifecycle.replaceAll('-', '_');
  console.log(
    JSON.stringify({ level: 'info', kind, id, from, to, cause: event.type, source: origin.source }),
  );
}
