/**
 * Serves the production build as Vercel would: the SPA fallback of vercel.json (unknown paths →
 * index.html), long caching for hashed assets, and gzip for text when the browser accepts it
 * (Vercel compresses too, so load measurements against this server stay honest).
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest']);
const gzipped = new Map<string, Buffer>();

export async function serveStatic(
  dir: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const file = normalize(join(dir, decodeURIComponent(path)));
  const target = file.startsWith(dir) && (await isFile(file)) ? file : join(dir, 'index.html');
  if (!(await isFile(target))) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('No production build: run `npm run build` first.');
    return;
  }
  const hashed = target.includes('/assets/');
  const headers: Record<string, string> = {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  };
  let body: Uint8Array = await readFile(target);
  if (COMPRESSIBLE.has(extname(target)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    // Hashed assets never change; anything else is compressed afresh.
    const cached = hashed ? gzipped.get(target) : undefined;
    const compressed = cached ?? gzipSync(body);
    if (hashed) gzipped.set(target, compressed);
    body = compressed;
    headers['content-encoding'] = 'gzip';
  }
  res.writeHead(200, headers);
  res.end(body);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
