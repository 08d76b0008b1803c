/**
 * One isolated world per test file: the dev server (no Vite) on a loopback port with a database
 * of its own (PGlite in memory, or a fresh schema in the Postgres at TEST_DATABASE_URL), the LINE
 * and QStash stand-ins with QStash's clock under the test's control, and the LiveKit server-API
 * stand-in. Handlers imported by a test read the same environment the server set, so a test may
 * call a handler with a Request directly or go through HTTP.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { resetConfig } from '../../api/_lib/config';
import { migrate } from '../../db/migrate';
import { DEV_USERS, type DevUser } from '../../dev/dev-users';
import { startEmbeddedDatabase } from '../../dev/embedded-database';
import { avatarPath, type LineStandIn } from '../../dev/line-stand-in';
import type { LivekitStandIn } from '../../dev/livekit-stand-in';
import type { QStashStandIn } from '../../dev/qstash-stand-in';
import { startDevServer } from '../../dev/server';

export interface TestEnvironment {
  url: string;
  databaseUrl: string;
  /** A pool for assertions on what the handlers wrote. */
  db: pg.Pool;
  line: LineStandIn;
  qstash: QStashStandIn;
  livekit: LivekitStandIn;
  users: { alice: DevUser; bob: DevUser; carol: DevUser };
  idTokenFor(user: DevUser): Promise<string>;
  /** Who `user` is in LiveKit rooms (set when they are first recorded), as their tokens say. */
  roomIdentityOf(user: DevUser): Promise<string>;
  /** How the app names `user` to other people (set when they are first recorded). */
  contactIdOf(user: DevUser): Promise<string>;
  /** Calls the API over HTTP as `as` (signed in with a fresh ID token). */
  api(
    path: string,
    init?: { as?: DevUser; method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

const SERVICE_VARIABLES = [
  'DATABASE_URL',
  'POSTGRES_URL',
  'LINE_LOGIN_CHANNEL_ID',
  'LINE_JWKS_URL',
  'LINE_CHANNEL_ACCESS_TOKEN',
  'LINE_CHANNEL_SECRET',
  'LINE_API_BASE_URL',
  'QSTASH_URL',
  'QSTASH_TOKEN',
  'QSTASH_CURRENT_SIGNING_KEY',
  'QSTASH_NEXT_SIGNING_KEY',
  'PUBLIC_BASE_URL',
  'LIVEKIT_URL',
  'LIVEKIT_API_KEY',
  'LIVEKIT_API_SECRET',
  'VITE_LIFF_ID',
];

/** `livekit: 'real'` starts a real livekit-server instead of the stand-in (the join-time bench). */
export async function startTestEnvironment(
  options: { livekit?: 'real'; livekitRedis?: string } = {},
): Promise<TestEnvironment> {
  for (const name of SERVICE_VARIABLES) delete process.env[name];
  const database = await startTestDatabase();
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  const vercelOutput = process.env.TEST_VERCEL_OUTPUT;
  const server = await startDevServer({
    port: 0,
    dataDir: null,
    prod: true,
    quiet: true,
    testing: true,
    // In process, so tests may change the environment between requests; with
    // TEST_VERCEL_OUTPUT, through `vercel build`'s functions under plain Node (the deploy check).
    functions: vercelOutput ? { vercelOutput } : 'in-process',
    ...options,
  });
  resetConfig();

  const line = server.line!;
  const [alice, bob, carol] = DEV_USERS as [DevUser, DevUser, DevUser];
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const idTokenFor = (user: DevUser) =>
    line.signIdToken({
      sub: user.userId,
      name: user.displayName,
      picture: `${server.url}/__dev/line/${avatarPath(user)}`,
    });
  return {
    url: server.url,
    databaseUrl: database.url,
    db,
    line,
    qstash: server.qstash!,
    livekit: server.livekit!,
    users: { alice, bob, carol },
    idTokenFor,
    async roomIdentityOf(user) {
      const { rows } = await db.query('SELECT room_identity FROM users WHERE line_user_id = $1', [
        user.userId,
      ]);
      if (!rows[0]) throw new Error(`${user.displayName} has no room identity: not recorded yet`);
      return rows[0].room_identity;
    },
    async contactIdOf(user) {
      const { rows } = await db.query('SELECT contact_id FROM users WHERE line_user_id = $1', [
        user.userId,
      ]);
      if (!rows[0]) throw new Error(`${user.displayName} has no contact id: not recorded yet`);
      return rows[0].contact_id;
    },
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.as) {
        headers.authorization = `Bearer ${await idTokenFor(init.as)}`;
        headers['accept-language'] ??= init.as.language; // as the app sends LIFF's language
      }
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      return fetch(`${server.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    },
    async close() {
      await db.end();
      await server.close();
      await database.close();
    },
  };
}

async function startTestDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  const shared = process.env.TEST_DATABASE_URL;
  if (!shared) return startEmbeddedDatabase();
  // A schema of its own per test file, so files can run in parallel on one server.
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: shared });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(shared);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async close() {
      const client = new pg.Client({ connectionString: shared });
      await client.connect();
      try {
        await dropSchema(client, schema);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The drop locks every table of the schema in turn, so work the file left running (a use case's
 * statement still on its way when the server closed) can deadlock with it; Postgres aborts one of
 * the two, and the other finishes. Then the drop goes through.
 */
async function dropSchema(client: pg.Client, schema: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      return;
    } catch (error) {
      const deadlocked = (error as { code?: string }).code === '40P01';
      if (!deadlocked || attempt === attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** A JSON request as the app sends it, for calling a handler directly. */
export function jsonRequest(
  path: string,
  body: unknown,
  init: { method?: string; idToken?: string; headers?: Record<string, string> } = {},
): Request {
  return new Request(`http://localhost${path}`, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.idToken ? { authorization: `Bearer ${init.idToken}` } : {}),
      ...init.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
