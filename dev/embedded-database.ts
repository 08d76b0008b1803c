/**
 * PGlite (Postgres in WebAssembly) behind a Postgres wire-protocol socket on a loopback port, so
 * the app's `pg` driver and SQL run unchanged when no DATABASE_URL is set.
 *
 * PGlite is one session shared by every connection. The socket server queues protocol messages
 * and keeps a transaction's messages together, but not the Parse/Bind/Execute/Sync run of one
 * parameterised query outside a transaction: two connections' runs interleave and overwrite each
 * other's unnamed statement (seen as wrong rows under concurrent requests). `holdQueryRuns`
 * keeps a connection's run together until its Sync, using the same hook the server uses for
 * transactions.
 *
 * Named prepared statements live in that one session too, but each pg connection keeps its own
 * list of what it has prepared: the second connection to send `Parse` for a name would be told the
 * statement already exists. `shareNamedStatements` answers such a `Parse` as done, which is what
 * it is (the app gives each name one text).
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
  const db = shareNamedStatements(holdQueryRuns(await PGlite.create(dataDir)));
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

/** Message types of the extended query protocol that are followed by more of the same run. */
const MID_RUN = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

function holdQueryRuns(db: PGlite): PGlite {
  let midRun = false;
  const exec = db.execProtocolRawStream.bind(db);
  const inTransaction = db.isInTransaction.bind(db);
  db.execProtocolRawStream = (message, options) => {
    midRun = MID_RUN.has(message[0]!);
    return exec(message, options);
  };
  db.isInTransaction = () => midRun || inTransaction();
  return db;
}

const PARSE = 'P'.charCodeAt(0);
const PARSE_COMPLETE = Uint8Array.of('1'.charCodeAt(0), 0, 0, 0, 4);

function shareNamedStatements(db: PGlite): PGlite {
  const prepared = new Set<string>();
  const exec = db.execProtocolRawStream.bind(db);
  db.execProtocolRawStream = async (message, options) => {
    // Parse: 'P', int32 length, then the statement name (empty for the unnamed statement).
    const name = message[0] === PARSE ? statementName(message) : '';
    if (name && prepared.has(name)) {
      options?.onRawData?.(PARSE_COMPLETE);
      return;
    }
    let parsed = false;
    await exec(message, {
      ...options,
      onRawData: (data) => {
        parsed ||= data[0] === PARSE_COMPLETE[0];
        options?.onRawData?.(data);
      },
    });
    if (name && parsed) prepared.add(name);
  };
  return db;
}

const decoder = new TextDecoder();

function statementName(message: Uint8Array): string {
  const end = message.indexOf(0, 5);
  return decoder.decode(message.subarray(5, end));
}
