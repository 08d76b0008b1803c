/**
 * Which indexes a repository's statement can use: the statement captured on the pg client, and
 * its plan with sequential scans disabled, so a small test table still shows the index a plan
 * would read on a large one.
 */
import pg from 'pg';
import type { TestEnvironment } from './test-environment';

/** The statement a repository function sends, captured on the pg client. */
export async function statementOf(work: () => Promise<unknown>): Promise<[string, unknown[]]> {
  const query = pg.Client.prototype.query;
  let captured: [string, unknown[]] | undefined;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, values] = args as [string | pg.QueryConfig, unknown[] | undefined];
    captured = typeof first === 'string' ? [first, values ?? []] : [first.text, first.values ?? []];
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return captured!;
}

export async function planOf(
  env: TestEnvironment,
  [sql, values]: [string, unknown[]],
): Promise<string> {
  const client = await env.db.connect();
  try {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN ${sql}`, values);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('RESET enable_seqscan');
    client.release();
  }
}
