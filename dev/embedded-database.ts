/**
 * PGlite (Postgres in WebAssembly) behind a Postgres wire-protocol socket on a loopback port, so
 * the app's `pg` driver and SQL run unchanged when no DATABASE_URL is set. The socket server
 * queues queries and keeps a transaction's statements together, so a `pg` Pool works through it.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdir } from 'node:fs/promises';

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

/** `dataDir` keeps the data between runs; without it the database lives in memory. */
export async function startEmbeddedDatabase(dataDir?: string): Promise<EmbeddedDatabase> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 64 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
