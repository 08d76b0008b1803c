/**
 * One isolated world per test file: a database (PGlite in memory, or a fresh schema in the
 * Postgres at TEST_DATABASE_URL) with migrations applied, and the LINE stand-in on a loopback
 * port. The handlers under test read the same environment variables as in production.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { resetConfig } from '../../api/_lib/config';
import { closePool } from '../../api/_lib/db/pool';
import { migrate } from '../../db/migrate';
import { DEV_USERS, type DevUser } from '../../dev/dev-users';
import { startEmbeddedDatabase } from '../../dev/embedded-database';
import {
  createLineStandIn,
  DEV_LOGIN_CHANNEL_ID,
  LINE_STAND_IN_PATH,
  type LineStandIn,
} from '../../dev/line-stand-in';
import { sendWebResponse, toWebRequest } from '../../dev/node-http';

export interface TestEnvironment {
  databaseUrl: string;
  /** A pool for assertions on what the handlers wrote. */
  db: pg.Pool;
  line: LineStandIn;
  lineOrigin: string;
  users: { alice: DevUser; bob: DevUser; carol: DevUser };
  idTokenFor(user: DevUser): Promise<string>;
  close(): Promise<void>;
}

export async function startTestEnvironment(): Promise<TestEnvironment> {
  const database = await startDatabase();
  await migrate(database.url);

  const line = await createLineStandIn();
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    void line.handle(toWebRequest(req, origin)).then((response) => sendWebResponse(res, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const lineOrigin = `http://127.0.0.1:${port}`;

  Object.assign(process.env, {
    DATABASE_URL: database.url,
    LINE_LOGIN_CHANNEL_ID: DEV_LOGIN_CHANNEL_ID,
    LINE_JWKS_URL: `${lineOrigin}${LINE_STAND_IN_PATH}/oauth2/v2.1/certs`,
    LIVEKIT_URL: 'ws://127.0.0.1:7880',
    LIVEKIT_API_KEY: 'devkey',
    LIVEKIT_API_SECRET: 'secret-for-tests-only-0123456789',
  });
  resetConfig();

  const [alice, bob, carol] = DEV_USERS as [DevUser, DevUser, DevUser];
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    databaseUrl: database.url,
    db,
    line,
    lineOrigin,
    users: { alice, bob, carol },
    idTokenFor: (user) =>
      line.signIdToken({
        sub: user.userId,
        name: user.displayName,
        picture: `${lineOrigin}${LINE_STAND_IN_PATH}/avatars/${user.userId}.svg`,
      }),
    async close() {
      await db.end();
      await closePool();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

async function startDatabase(): Promise<{ url: string; close(): Promise<void> }> {
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
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** A JSON request as the app sends it. */
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
