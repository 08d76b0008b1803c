/**
 * A loopback proxy in front of the dev server that gzips the production build's files (HTML, JS,
 * CSS, SVG) for a client that accepts it, as Vercel's CDN does; the dev server sends them
 * uncompressed. Anything already encoded, and the API, passes through unchanged.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';

export async function startGzipProxy(
  target: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        const compress =
          !answer.headers['content-encoding'] &&
          /\bgzip\b/.test(String(req.headers['accept-encoding'])) &&
          !/^\/(api|__dev)\//.test(req.url ?? '') &&
          /html|javascript|css|svg/.test(String(answer.headers['content-type']));
        const headers = { ...answer.headers };
        if (compress) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          headers.vary = 'accept-encoding';
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        (compress ? answer.pipe(createGzip()) : answer).pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
