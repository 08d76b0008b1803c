import { afterAll, beforeAll, expect, test } from 'vitest';
import { migrate } from '../../db/migrate';
import { startTestEnvironment, type TestEnvironment } from '../support/test-environment';

let env: TestEnvironment;
beforeAll(async () => {
  env = await startTestEnvironment();
});
afterAll(() => env?.close());

test('applying the migrations again, even from two runners at once, changes nothing', async () => {
  expect(await Promise.all([migrate(env.databaseUrl), migrate(env.databaseUrl)])).toEqual([[], []]);
  const { rows } = await env.db.query('SELECT name FROM schema_migrations ORDER BY name');
  expect(rows.map((row) => row.name)).toEqual(['001_initial.sql', '002_hardening.sql']);
});

test('the schema holds one live call per pair, whichever way round', async () => {
  const { alice, bob } = env.users;
  await env.db.query(
    `INSERT INTO users (line_user_id, display_name) VALUES ($1, 'Alice'), ($2, 'Bob')`,
    [alice.userId, bob.userId],
  );
  await env.db.query(
    `INSERT INTO calls (caller_id, callee_id, media, status) VALUES ($1, $2, 'video', 'ringing')`,
    [alice.userId, bob.userId],
  );
  await expect(
    env.db.query(`INSERT INTO calls (caller_id, callee_id, media) VALUES ($1, $2, 'audio')`, [
      bob.userId,
      alice.userId,
    ]),
  ).rejects.toThrow(/calls_one_live_per_pair/);
  // Once the first call has ended, the pair may call again.
  await env.db.query(`UPDATE calls SET status = 'ended'`);
  await env.db.query(`INSERT INTO calls (caller_id, callee_id, media) VALUES ($1, $2, 'audio')`, [
    bob.userId,
    alice.userId,
  ]);
});

test('the schema refuses states and values outside the lifecycle', async () => {
  const { alice, bob } = env.users;
  await expect(
    env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, status) VALUES ($1, $2, 'video', 'on-hold')`,
      [alice.userId, bob.userId],
    ),
  ).rejects.toThrow(/check constraint/);
  await expect(
    env.db.query(
      `INSERT INTO agent_call_sessions (sid, room_name, callee_phone, requested_by)
       VALUES ('ac_1', 'agent-ac_1', '0312345678', 'api')`,
    ),
  ).rejects.toThrow(/check constraint/);
});
