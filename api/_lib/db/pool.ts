/**
 * The one database driver: `pg`, against DATABASE_URL (else POSTGRES_URL). Locally the dev server
 * and the tests start PGlite behind a Postgres socket and set DATABASE_URL, so the same driver and
 * SQL run everywhere. Only repositories in this folder call `query`.
 */
import { attachDatabasePool } from '@vercel/functions';
import pg from 'pg';
import { getConfig } from '../config';
import { AppError, unavailable } from '../errors';

let pool: pg.Pool | undefined;

export function getPool(): pg.Pool {
  if (pool) return pool;
  const url = getConfig().databaseUrl;
  if (!url) {
    throw new AppError(
      'database_not_configured',
      503,
      'Set DATABASE_URL (or POSTGRES_URL). `npm run dev` starts an embedded PGlite when neither is set.',
    );
  }
  pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error(JSON.stringify({ level: 'warn', db: error.message })));
  // On Vercel, close idle clients before the instance is suspended (no-op elsewhere).
  if (process.env.VERCEL) attachDatabasePool(pool);
  return pool;
}

export async function query<Row extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  try {
    const result = await getPool().query<Row>(text, values);
    return result.rows;
  } catch (error) {
    throw toUnavailable(error);
  }
}

function toUnavailable(error: unknown): unknown {
  return isUnavailable(error)
    ? unavailable('database_unavailable', 'The database cannot be reached. Try again.', error)
    : error;
}

export interface Queryable {
  query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]>;
}

/** Runs `work` in one transaction on one connection; rolls back on any throw. */
export async function transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await getPool().connect();
  } catch (error) {
    throw toUnavailable(error);
  }
  const tx: Queryable = {
    async query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      return (await client.query<Row>(text, values)).rows;
    },
  };
  try {
    await client.query('BEGIN');
    const result = await work(tx);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw toUnavailable(error);
  } finally {
    client.release();
  }
}

/** Closes the pool (tests and the dev server on exit). */
export async function closePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
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
