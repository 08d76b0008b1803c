/**
 * The one database driver: `pg`, against DATABASE_URL (else POSTGRES_URL). Locally the dev server
 * and the tests start PGlite behind a Postgres socket and set DATABASE_URL, so the same driver and
 * SQL run everywhere. Only repositories in this folder call `query`.
 */
import type pg from 'pg';
import { getConfig } from '../config.js';
import { AppError, unavailable } from '../errors.js';

let pool: Promise<pg.Pool> | undefined;

/** The pool, created on first use: importing a function never loads the driver. */
export function getPool(): Promise<pg.Pool> {
  pool ??= createPool().catch((error: unknown) => {
    pool = undefined;
    throw error;
  });
  return pool;
}

async function createPool(): Promise<pg.Pool> {
  const url = getConfig().databaseUrl;
  if (!url) {
    throw new AppError(
      'database_not_configured',
      503,
      'Set DATABASE_URL (or POSTGRES_URL). `npm run dev` starts an embedded PGlite when neither is set.',
    );
  }
  const { default: pgModule } = await import('pg');
  const created = new pgModule.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  created.on('error', (error) =>
    console.error(JSON.stringify({ level: 'warn', db: error.message })),
  );
  if (process.env.VERCEL) {
    // On Vercel, close idle clients before the instance is suspended.
    const { attachDatabasePool } = await import('@vercel/functions');
    attachDatabasePool(created);
  }
  return created;
}

/**
 * A statement sent often enough to keep prepared: pg parses a named statement once per connection
 * and Postgres reuses its plan. One name, one text.
 */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
}

export async function query<Row extends pg.QueryResultRow>(
  statement: string | Statement,
  values: unknown[] = [],
): Promise<Row[]> {
  try {
    return (await (await getPool()).query<Row>(queryConfig(statement, values))).rows;
  } catch (error) {
    throw toUnavailable(error);
  }
}

function queryConfig(statement: string | Statement, values: unknown[]): pg.QueryConfig {
  return typeof statement === 'string' ? { text: statement, values } : statement;
}

/**
 * Runs `work` in one transaction holding a transaction-scoped advisory lock on `lockKey`, so
 * decisions that read then write (count this hour's starts, then insert) are atomic per key.
 * Each statement in it starts after the lock is held, so it sees every earlier holder's commit.
 */
export async function withLock<T>(
  lockKey: string,
  work: (run: typeof query) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await (await getPool()).connect();
  } catch (error) {
    throw toUnavailable(error);
  }
  const run = async <Row extends pg.QueryResultRow>(
    statement: string | Statement,
    values: unknown[] = [],
  ) => {
    try {
      return (await client.query<Row>(queryConfig(statement, values))).rows;
    } catch (error) {
      throw toUnavailable(error);
    }
  };
  try {
    await run('BEGIN');
    await run('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    const result = await work(run);
    await run('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Closes the pool (tests and the dev server on exit). */
export async function closePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await (await closing?.catch(() => undefined))?.end();
}

function toUnavailable(error: unknown): unknown {
  return isUnavailable(error)
    ? unavailable('database_unavailable', 'The database cannot be reached. Try again.', error)
    : error;
}

/** Connection-level failures, as opposed to a bad statement: the caller may retry these. */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? '';
  return (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code) ||
    code.startsWith('08') || // connection_exception
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    /Connection terminated|timeout exceeded when trying to connect/i.test(error.message)
  );
}
