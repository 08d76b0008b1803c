/**
 * Serves a Web-standard handler on a free loopback port, so tests reach a stand-in (or a tiny
 * receiver standing for the app) over real HTTP, the way the SDK clients and the stand-ins'
 * deliveries do.
 */
import { createServer } from 'node:http';
import { sendWebResponse, toWebRequest } from './node-http';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

export async function serveOnLoopback(
  handler: (request: Request) => Response | Promise<Response>,
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        await sendWebResponse(res, await handler(await toWebRequest(req, origin)));
      } catch (error) {
        console.error(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Stand-in error.' }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
