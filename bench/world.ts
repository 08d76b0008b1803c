/**
 * The world the database and browser figures run in: the app's dev server on loopback serving the
 * production build, with the LINE, QStash and LiveKit server-API stand-ins — the same world the
 * API tests start (tests/support/test-environment.ts), in a schema of its own in the Postgres at
 * BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test; or
 * in PGlite when none answers. Also the signed deliveries the figures send straight to the
 * handlers, as LiveKit and QStash would send them.
 */
import pg from 'pg';
import type { JobName } from '../api/_lib/jobs/registry';
import { signQStashDelivery } from '../dev/qstash-protocol';
import { startTestEnvironment, type TestEnvironment } from '../tests/support/test-environment';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchWorld {
  env: TestEnvironment;
  /** The Postgres in use, or undefined for PGlite. */
  postgres: string | undefined;
  close(): Promise<void>;
}

export async function startBenchWorld(): Promise<BenchWorld> {
  const postgres = await reachablePostgres();
  if (postgres) process.env.TEST_DATABASE_URL = postgres;
  else delete process.env.TEST_DATABASE_URL;
  const env = await startTestEnvironment();
  return { env, postgres, close: () => env.close() };
}

/** The bench's Postgres (BENCH_DATABASE_URL, TEST_DATABASE_URL or the default), if it answers. */
export async function reachablePostgres(): Promise<string | undefined> {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_POSTGRES;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A signed LiveKit webhook as a fresh Request (a body can be read once). */
export function livekitWebhookRequest(delivery: { body: string; authorization: string }): Request {
  return new Request('http://localhost/api/webhooks/livekit', {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization: delivery.authorization },
    body: delivery.body,
  });
}

/** A QStash delivery of `job`, signed with the stand-in's current key, as the function receives it. */
export async function jobRequest(
  env: TestEnvironment,
  job: JobName,
  payload: Record<string, unknown>,
): Promise<Request> {
  const body = JSON.stringify(payload);
  // The signature covers the public URL; Vercel passes the [job] segment as a query parameter.
  const signature = await signQStashDelivery(
    env.qstash.signingKeys().current,
    `${process.env.PUBLIC_BASE_URL}/api/jobs/${job}`,
    body,
  );
  return new Request(`http://localhost/api/jobs/${job}?job=${job}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'upstash-signature': signature },
    body,
  });
}
