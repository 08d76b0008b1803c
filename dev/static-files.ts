/** Serves the production build with the SPA fallback vercel.json sets up: unknown paths → index.html. */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

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

export async function serveStatic(dir: string, path: string, res: ServerResponse): Promise<void> {
  const file = normalize(join(dir, decodeURIComponent(path)));
  const target = file.startsWith(dir) && (await isFile(file)) ? file : join(dir, 'index.html');
  if (!(await isFile(target))) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('No production build: run `npm run build` first.');
    return;
  }
  const body = await readFile(target);
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': target.includes('/assets/')
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  });
  res.end(body);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
