/**
 * Listings stay flat as tables grow: each reads an index in order and stops at the limit,
 * rather than reading and sorting every row of a user (or of the table). The plans are checked
 * with sequential scans disabled, so a small test table still shows which index a plan can use.
 */
import pg from 'pg';
import { expect, test } from 'vitest';
import { listSessions } from '../../api/_lib/db/agent-call-sessions';
import { listCallsOf } from '../../api/_lib/db/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'] });

/** The statement a repository function sends, captured on the pg client. */
async function statementOf(work: () => Promise<unknown>): Promise<[string, unknown[]]> {
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

async function planOf([sql, values]: [string, unknown[]]): Promise<string> {
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

test("call history merges two ordered index scans instead of sorting all the user's calls", async () => {
  const plan = await planOf(await statementOf(() => listCallsOf(env.users.alice.userId)));
  expect(plan).toMatch(/Index Scan using calls_by_caller/);
  expect(plan).toMatch(/Index Scan using calls_by_callee/);
  expect(plan).not.toMatch(/Bitmap/);
});

test('the API-key listing of agent calls reads the creation index', async () => {
  const plan = await planOf(await statementOf(() => listSessions(null)));
  expect(plan).toMatch(/Index Scan using agent_call_sessions_by_created/);
});

test("a callee's agent calls keep their own index", async () => {
  const plan = await planOf(await statementOf(() => listSessions(env.users.alice.userId)));
  expect(plan).toMatch(/Index Scan using agent_call_sessions_by_callee/);
});
