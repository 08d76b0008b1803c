/**
 * Database round trips per callback, counted on the pg client: a state change with its audit row
 * is one statement, and so is a duplicate delivery (issue 5's budget; `npm run bench` reports it).
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, signIn, startedCallId } from '../support/calls';
import { startTestEnvironment, type TestEnvironment } from '../support/test-environment';

let env: TestEnvironment;
let statements = 0;
const query = pg.Client.prototype.query;

beforeAll(async () => {
  env = await startTestEnvironment();
  await signIn(env, env.users.alice, env.users.bob);
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
});
afterAll(async () => {
  pg.Client.prototype.query = query;
  await env?.close();
});

async function countStatements(work: () => Promise<unknown>): Promise<number> {
  statements = 0;
  await work();
  return statements;
}

test('a LiveKit webhook that changes a call, and the same webhook again: one statement each', async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  await act(env, bob, id, 'accept');
  await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, alice.userId));
  const connect = await livekitEvent(env, 'participant_joined', id, bob.userId);

  expect(await countStatements(() => sendLivekitWebhook(env, connect))).toBe(1);
  const { rows } = await env.db.query('SELECT status FROM calls WHERE id = $1', [id]);
  expect(rows[0].status).toBe('connected');
  expect(await countStatements(() => sendLivekitWebhook(env, connect))).toBe(1);
});
