/** The account's do-not-call list: numbers (E.164) and LINE user ids never to be called. */
import { query } from './pool.js';

export interface DoNotCallEntry {
  callee: string;
  reason: string | null;
  /** The operator's LINE user id, and their LINE name when they have signed in. */
  addedBy: string;
  addedByName: string | null;
  createdAt: string;
}

interface EntryRow {
  callee: string;
  reason: string | null;
  added_by: string;
  added_by_name: string | null;
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
    `SELECT d.callee, d.reason, d.added_by, u.display_name AS added_by_name, d.created_at
     FROM do_not_call d LEFT JOIN users u ON u.line_user_id = d.added_by
     WHERE d.callee > $1
     ORDER BY d.callee LIMIT $2`,
    [after, limit],
  );
  return rows.map((row) => ({
    callee: row.callee,
    reason: row.reason,
    addedBy: row.added_by,
    addedByName: row.added_by_name,
    createdAt: row.created_at.toISOString(),
  }));
}

export async function removeFromDoNotCall(callee: string): Promise<boolean> {
  return (
    (await query('DELETE FROM do_not_call WHERE callee = $1 RETURNING 1', [callee])).length > 0
  );
}
