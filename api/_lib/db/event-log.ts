/**
 * The one way a lifecycle event is applied to a row, for 1:1 calls and agent calls alike:
 * lock the row, decide with the pure lifecycle, record the event in the audit table (once per
 * provider event id, refused or not, so the trail shows everything that arrived), and update
 * only from the state the decision saw. A second delivery finds its event id taken and changes
 * nothing; a late event is refused by the lifecycle.
 */
import { transaction, type Queryable } from './pool';

/** Where an event came from; `eventId` makes a second delivery recognisable. */
export interface EventSource {
  source: 'user' | 'livekit' | 'line' | 'qstash' | 'system' | 'api';
  eventId?: string;
  data?: Record<string, unknown>;
}

export interface EventTable<Row> {
  /** e.g. `SELECT … FROM calls WHERE id = $1 FOR UPDATE` */
  lockSql: string;
  /** The audit table and the column that points at the row. */
  eventsTable: 'call_events' | 'agent_call_events';
  ownerColumn: 'call_id' | 'sid';
  statusOf(row: Row): string;
}

type Decision = { ok: true; status: string } | { ok: false; status: string };

export type Applied<Row> =
  | { outcome: 'applied'; row: Row; from: string }
  | { outcome: 'refused' | 'duplicate'; row: Row }
  | { outcome: 'not-found' };

export async function applyLoggedEvent<Row, D extends Decision>(
  table: EventTable<Row>,
  id: string,
  event: { type: string } & Record<string, unknown>,
  origin: EventSource,
  decide: (row: Row) => D,
  update: (tx: Queryable, row: Row, decision: Extract<D, { ok: true }>) => Promise<Row>,
): Promise<Applied<Row>> {
  return transaction(async (tx) => {
    const [row] = await tx.query<Row & Record<string, unknown>>(table.lockSql, [id]);
    if (!row) return { outcome: 'not-found' };
    const from = table.statusOf(row);
    const decision = decide(row);
    const { type, ...data } = event;
    const recorded = await tx.query(
      `INSERT INTO ${table.eventsTable}
         (${table.ownerColumn}, type, from_status, to_status, source, event_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (source, event_id) DO NOTHING RETURNING id`,
      [
        id,
        type,
        from,
        decision.ok ? decision.status : null,
        origin.source,
        origin.eventId ?? null,
        { ...data, ...origin.data },
      ],
    );
    if (recorded.length === 0) return { outcome: 'duplicate', row };
    if (!decision.ok) return { outcome: 'refused', row };
    const updated = await update(tx, row, decision as Extract<D, { ok: true }>);
    logStateChange(table.eventsTable, id, from, decision.status, type, origin);
    return { outcome: 'applied', row: updated, from };
  });
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
