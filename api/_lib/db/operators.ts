/** Console operators (db/migrations/010_campaigns.sql): who they are and what role they have. */
import type { OperatorRole } from '../domain/campaign-rules.js';
import { query } from './pool.js';

export interface Operator {
  lineUserId: string;
  role: OperatorRole;
  displayName: string | null;
  /** Who added them (a LINE user id, or `OPERATOR_ADMINS`), and that operator's LINE name. */
  addedBy: string;
  addedByName: string | null;
  createdAt: string;
}

interface OperatorRow {
  line_user_id: string;
  role: OperatorRole;
  display_name: string | null;
  added_by: string;
  added_by_name: string | null;
  created_at: Date;
}

const SELECT = `SELECT o.line_user_id, o.role, u.display_name, o.added_by,
    a.display_name AS added_by_name, o.created_at
  FROM operators o LEFT JOIN users u ON u.line_user_id = o.line_user_id
    LEFT JOIN users a ON a.line_user_id = o.added_by`;

/** Who an operator is, bootstrapping `bootstrapAdmin` as an admin in the same statement. */
export async function findOperator(
  lineUserId: string,
  bootstrapAdmin: boolean,
): Promise<OperatorRole | undefined> {
  const [row] = await query<{ role: OperatorRole }>(
    `WITH boot AS (
       INSERT INTO operators (line_user_id, role, added_by)
       SELECT $1, 'admin', 'OPERATOR_ADMINS' WHERE $2
       ON CONFLICT (line_user_id) DO UPDATE SET role = 'admin'
       RETURNING role
     )
     SELECT role FROM boot
     UNION ALL
     SELECT role FROM operators WHERE line_user_id = $1 AND NOT $2`,
    [lineUserId, bootstrapAdmin],
  );
  return row?.role;
}

export async function listOperators(): Promise<Operator[]> {
  const rows = await query<OperatorRow>(`${SELECT} ORDER BY o.created_at, o.line_user_id`);
  return rows.map(toOperator);
}

/** Adds an operator or changes their role; returns them as they now are. */
export async function upsertOperator(
  lineUserId: string,
  role: OperatorRole,
  addedBy: string,
): Promise<Operator> {
  await query(
    `INSERT INTO operators (line_user_id, role, added_by) VALUES ($1, $2, $3)
     ON CONFLICT (line_user_id) DO UPDATE SET role = EXCLUDED.role`,
    [lineUserId, role, addedBy],
  );
  const [row] = await query<OperatorRow>(`${SELECT} WHERE o.line_user_id = $1`, [lineUserId]);
  return toOperator(row!);
}

export async function deleteOperator(lineUserId: string): Promise<boolean> {
  const rows = await query('DELETE FROM operators WHERE line_user_id = $1 RETURNING 1', [
    lineUserId,
  ]);
  return rows.length > 0;
}

function toOperator(row: OperatorRow): Operator {
  return {
    lineUserId: row.line_user_id,
    role: row.role,
    displayName: row.display_name,
    addedBy: row.added_by,
    addedByName: row.added_by_name,
    createdAt: row.created_at.toISOString(),
  };
}
