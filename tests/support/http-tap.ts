/**
 * A loopback HTTP forwarder to put between the server and a stand-in (LINE, the LiveKit server
 * API): it records every request that reaches it, including the ones that fail, and answers
 * chosen ones with an error instead of forwarding them. The stand-ins only record what they
 * accept; the tap shows each attempt (e.g. that a retried push carried the same retry key).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TappedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The body exactly as it arrived. */
  body: Buffer;
  /** The status answered; undefined while in flight or when the caller gave up first. */
  status?: number;
}

export interface HttpTap {
  url: string;
  requests(path?: RegExp): TappedRequest[];
  /** The next `count` requests whose path matches answer `status` with `body`, unforwarded. */
  failNext(path: RegExp, status: number, body: unknown, count?: number): void;
  close(): Promise<void>;
}

/** `target` may be a function, for a tap that must exist before its target knows its own URL. */
export async function startHttpTap(target: string | (() => string)): Promise<HttpTap> {
  const recorded: TappedRequest[] = [];
  const faults: { path: RegExp; status: number; body: unknown }[] = [];

  const server = createServer(async (req, res) => {
    const entry: TappedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: headersOf(req),
      body: Buffer.alloc(0),
    };
    recorded.push(entry);
    const body = (entry.body = await readAll(req));
    const fault = faults.findIndex((f) => f.path.test(entry.path));
    let status: number;
    let headers: [string, string][];
    let payload: Buffer;
    if (fault >= 0) {
      const [{ status: failed, body: failure }] = faults.splice(fault, 1) as [(typeof faults)[0]];
      [status, headers, payload] = [
        failed,
        [['content-type', 'application/json']],
        Buffer.from(JSON.stringify(failure)),
      ];
    } else {
      const { host: _host, connection: _c, 'content-length': _l, ...forward } = entry.headers;
      const origin = typeof target === 'string' ? target : target();
      const response = await fetch(`${origin}${entry.path}`, {
        method: entry.method,
        headers: forward,
        body: ['GET', 'HEAD'].includes(entry.method) ? undefined : new Uint8Array(body),
      }).catch(() => undefined);
      if (!response) return void res.destroy();
      status = response.status;
      headers = [...response.headers].filter(([name]) => name !== 'content-encoding');
      payload = Buffer.from(await response.arrayBuffer());
    }
    if (res.destroyed || req.socket.destroyed) return; // the caller gave up waiting
    entry.status = status;
    res.writeHead(status, Object.fromEntries(headers)).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests: (path) => recorded.filter((r) => !path || path.test(r.path)).map((r) => ({ ...r })),
    failNext(path, status, body, count = 1) {
      for (let i = 0; i < count; i++) faults.push({ path, status, body });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
