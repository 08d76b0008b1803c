import { readdir } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { migrate } from '../../db/migrate';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

test('applying the migrations again, even from two runners at once, changes nothing', async () => {
  expect(await Promise.all([migrate(env.databaseUrl), migrate(env.databaseUrl)])).toEqual([[], []]);
  const { rows } = await env.db.query('SELECT name FROM schema_migrations ORDER BY name');
  const files = (await readdir('db/migrations')).filter((f) => f.endsWith('.sql')).sort();
  expect(rows.map((row) => row.name)).toEqual(files);
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

test('columns nothing wrote or read are gone (008); the event data the log writes stays', async () => {
  const { rows } = await env.db.query(
    `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name IN ('occurred_at', 'data')
     ORDER BY name`,
  );
  expect(rows.map((row) => row.name)).toEqual([
    'agent_call_events.data',
    'call_events.data',
    'campaign_events.data',
    'campaign_lead_events.data',
  ]);
});

test('npm run db:migrate reads DATABASE_URL from .env.local, as `vercel env pull` leaves it', async () => {
  const { execFile } = await import('node:child_process');
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join, resolve } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'liff-calls-migrate-'));
  await writeFile(join(dir, '.env.local'), `DATABASE_URL="${env.databaseUrl}"\n`);
  const childEnv = { ...process.env };
  delete childEnv.DATABASE_URL;
  delete childEnv.POSTGRES_URL;
  const output = await new Promise<string>((done, fail) =>
    execFile(
      resolve('node_modules/.bin/tsx'),
      [resolve('db/migrate.ts')],
      { cwd: dir, env: childEnv },
      (error, stdout, stderr) => (error ? fail(new Error(stderr)) : done(stdout)),
    ),
  );
  await rm(dir, { recursive: true, force: true });
  expect(output.trim()).toBe('Already up to date.');
});

test('users recorded before room identities existed each get their own (006)', async () => {
  // The schema as it was before 006, with users in it.
  await env.db.query(`ALTER TABLE users DROP COLUMN room_identity`);
  await env.db.query(`DELETE FROM schema_migrations WHERE name = '006_room_identities.sql'`);
  await env.db.query(
    `INSERT INTO users (line_user_id, display_name) VALUES ($1, 'Carol')
     ON CONFLICT DO NOTHING`,
    [env.users.carol.userId],
  );
  expect(await migrate(env.databaseUrl)).toEqual(['006_room_identities.sql']);
  const { rows } = await env.db.query<{ room_identity: string }>('SELECT room_identity FROM users');
  expect(rows.length).toBeGreaterThanOrEqual(3);
  for (const row of rows) expect(row.room_identity).toMatch(/^user-[0-9a-f]{32}$/);
  expect(new Set(rows.map((row) => row.room_identity)).size).toBe(rows.length);
});

test('users recorded before contact ids existed each get their own (007)', async () => {
  // The schema as it was before 007, with users in it.
  await env.db.query(`ALTER TABLE users DROP COLUMN contact_id`);
  await env.db.query(`DELETE FROM schema_migrations WHERE name = '007_contact_ids.sql'`);
  await env.db.query(
    `INSERT INTO users (line_user_id, display_name)
     SELECT 'U' || md5('before-007:' || i), 'Before ' || i FROM generate_series(1, 50) AS i
     ON CONFLICT DO NOTHING`,
  );
  expect(await migrate(env.databaseUrl)).toEqual(['007_contact_ids.sql']);
  const { rows } = await env.db.query<{ contact_id: string }>('SELECT contact_id FROM users');
  expect(rows.length).toBeGreaterThanOrEqual(50);
  for (const row of rows) expect(row.contact_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(new Set(rows.map((row) => row.contact_id)).size).toBe(rows.length);
  // NOT NULL, unique and of that shape from now on.
  const [first] = rows;
  await expect(
    env.db.query(
      `INSERT INTO users (line_user_id, display_name, contact_id) VALUES ($1, 'X', $2)`,
      [`U${'9'.repeat(32)}`, first!.contact_id],
    ),
  ).rejects.toThrow(/users_contact_id_key/);
  await expect(
    env.db.query(
      `INSERT INTO users (line_user_id, display_name, contact_id) VALUES ($1, 'X', 'a/b')`,
      [`U${'9'.repeat(32)}`],
    ),
  ).rejects.toThrow(/check constraint/);
});

test('a database that applied 002 before dial_started_at was added to it gets the column (014)', async () => {
  // The schema as the first release of 002 left it.
  await env.db.query(`ALTER TABLE agent_call_sessions DROP COLUMN dial_started_at`);
  await env.db.query(`DELETE FROM schema_migrations WHERE name = '014_dial_started_at.sql'`);
  expect(await migrate(env.databaseUrl)).toEqual(['014_dial_started_at.sql']);
  const { rows } = await env.db.query(
    `SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()
     AND table_name = 'agent_call_sessions' AND column_name = 'dial_started_at'`,
  );
  expect(rows).toEqual([{ data_type: 'timestamp with time zone' }]);
});
