/**
 * A loopback TCP proxy in front of the test database that can drop a connection at a chosen
 * statement, the way a network blip or a database failover drops it in production. It reads just
 * enough of the Postgres wire protocol to see each statement's SQL (a Query, or the Bind of a
 * parsed statement: a named one is parsed once per connection and bound on every run) and where
 * the server's answer ends (ReadyForQuery), so a cut lands exactly:
 *   'before'  the statement never reaches the database;
 *   'after'   the database ran it (and, outside a transaction, committed it), but its answer is
 *             lost: the client cannot tell it happened.
 */
import { createServer, Socket, type AddressInfo } from 'node:net';

export type CutPoint = 'before' | 'after';

export interface PostgresProxy {
  /** The database URL with the proxy's host and port. */
  url: string;
  /** Cuts the connection that sends the next statement matching `sql`; resolves with that SQL. */
  cutOn(sql: RegExp, when: CutPoint): Promise<string>;
  /** Forgets cuts that have not happened. */
  clearCuts(): void;
  /** Statements seen since the start, in order (SQL text only). */
  statements(): string[];
  close(): Promise<void>;
}

interface Cut {
  sql: RegExp;
  when: CutPoint;
  done(sql: string): void;
}

const PARSE = 0x50; // 'P'
const BIND = 0x42; // 'B'
const QUERY = 0x51; // 'Q'
const READY_FOR_QUERY = 0x5a; // 'Z'

export async function startPostgresProxy(databaseUrl: string): Promise<PostgresProxy> {
  const target = new URL(databaseUrl);
  const cuts: Cut[] = [];
  const seen: string[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    let dropped = false;
    const drop = () => {
      dropped = true;
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => sockets.delete(client) && upstream.destroy());
    upstream.on('close', () => sockets.delete(upstream) && client.destroy());
    client.on('error', drop);
    upstream.on('error', drop);

    // Set once a cut 'after' is armed: the server's answer is held back until it is complete.
    let doomed = false;
    const parsed = new Map<string, string>();
    const fromClient = messageReader(true, (type, message, raw) => {
      if (dropped) return;
      if (type === PARSE) {
        const [name, sql] = cStrings(message, 2);
        parsed.set(name!, sql!);
      }
      if (type === BIND || type === QUERY) {
        const text =
          type === QUERY ? cStrings(message, 1)[0]! : parsed.get(cStrings(message, 2)[1]!)!;
        seen.push(text);
        const index = cuts.findIndex((cut) => cut.sql.test(text));
        if (index >= 0) {
          const [cut] = cuts.splice(index, 1);
          cut!.done(text);
          if (cut!.when === 'before') return drop();
          doomed = true;
        }
      }
      upstream.write(raw);
    });
    const fromServer = messageReader(false, (type, _message, raw) => {
      if (dropped) return;
      if (!doomed) return void client.write(raw);
      if (type === READY_FOR_QUERY) drop();
    });
    client.on('data', fromClient);
    upstream.on('data', fromServer);
    upstream.connect(Number(target.port || 5432), target.hostname);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    cutOn: (sql, when) => new Promise((done) => cuts.push({ sql, when, done })),
    clearCuts: () => void cuts.splice(0),
    statements: () => [...seen],
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The first `n` NUL-terminated strings of a message body. */
function cStrings(body: Buffer, n: number): string[] {
  const strings: string[] = [];
  let start = 0;
  while (strings.length < n) {
    const end = body.indexOf(0, start);
    strings.push(body.toString('utf8', start, end));
    start = end + 1;
  }
  return strings;
}

/**
 * Splits a byte stream into protocol messages: `type`, body and the raw bytes to pass on. The
 * client's first message (startup) has no type byte. The test databases run without TLS.
 */
function messageReader(
  fromClient: boolean,
  onMessage: (type: number, body: Buffer, raw: Buffer) => void,
): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  let untyped = fromClient;
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const header = untyped ? 4 : 5;
      if (buffered.length < header) return;
      const length = buffered.readInt32BE(header - 4);
      const total = header - 4 + length;
      if (buffered.length < total) return;
      const raw = buffered.subarray(0, total);
      buffered = buffered.subarray(total);
      const type = untyped ? 0 : raw[0]!;
      untyped = false;
      onMessage(type, raw.subarray(header), raw);
    }
  };
}
