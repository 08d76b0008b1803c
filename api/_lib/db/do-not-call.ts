/** The account's do-not-call list: numbers (E.164) and LINE user ids never to be called. */
import { query } from './pool.js';

export interface DoNotCallEntry {
  callee: string;
  reason: string | null;
  addedBy: string;
  createdAt: string;
}

interface EntryRow {
  callee: string;
  reason: string | null;
  added_by: string;
  created_at: Date;
}

/** Adds the callees (ones already listed keep their entry); returns how many were new. */
export async function addToDoNotCall(
  callees: string[],
  reason: string | null,
  addedBy: string,
): Promise<number> {
  const rows = await query(
    `INSERT INTO do_not_call (callee, reason, added_by)
     SELECT DISTINCT unnest($1::text[]), $2, $3
     ON CONFLICT (callee) DO NOTHING RETURNING 1`,
    [callees, reason, addedBy],
  );
  return rows.length;
}

/** A page of the list in callee order, after `after`. */
export async function listDoNotCall(after: string, limit: number): Promise<DoNotCallEntry[]> {
  const rows = await query<EntryRow>(
    `SELECT callee, reason, added_by, created_at FROM do_not_call WHERE callee > $1
     ORDER BY callee LIMIT $2`,
    [after, limit],
  );
  return rows.map((row) => ({
    callee: row.callee,
    reason: row.reason,
    addedBy: row.added_by,
    createdAt: row.created_at.toISOString(),
  }));
}

export async function removeFromDoNotCall(callee: string): Promise<boolean> {
  return (
    (await query('DELETE FROM do_not_call WHERE callee = $1 RETURNING 1', [callee])).length > 0
  );
}
