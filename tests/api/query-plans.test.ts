/**
 * Listings stay flat as tables grow: each reads an index in order and stops at the limit,
 * rather than reading and sorting every row of a user (or of the table). The plans are checked
 * with sequential scans disabled, so a small test table still shows which index a plan can use.
 */
import { expect, test } from 'vitest';
import { listSessions } from '../../api/_lib/db/agent-call-sessions';
import { listCallsOf } from '../../api/_lib/db/calls';
import { planOf as planIn, statementOf } from '../support/query-plans';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'] });
const planOf = (statement: [string, unknown[]]) => planIn(env, statement);

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
