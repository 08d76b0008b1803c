/**
 * What the dev server sends and refuses: vercel.json's security headers on every
 * answer (the same file a deployment uses), and nothing from a dot-folder — .data/ holds
 * PGlite's files and the LINE stand-in's private key, which Vite would serve from the root.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../../dev/server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE_DIR = `${ROOT}.data/`;
const PROBE = `${PROBE_DIR}security-probe-${process.pid}.txt`;
let server: DevServer;
const saved = { ...process.env };

beforeAll(async () => {
  for (const name of ['DATABASE_URL', 'POSTGRES_URL', 'LINE_LOGIN_CHANNEL_ID', 'LINE_JWKS_URL']) {
    delete process.env[name];
  }
  await mkdir(PROBE_DIR, { recursive: true });
  await writeFile(PROBE, 'private');
  // Vite, as `npm run dev` runs it: it is what served the dot-folders.
  server = await startDevServer({ port: 0, dataDir: null, quiet: true, testing: true });
});
afterAll(async () => {
  await server?.close();
  await rm(PROBE, { force: true });
  process.env = saved;
});

const vercelHeaders = async () => {
  const config = JSON.parse(await readFile(`${ROOT}vercel.json`, 'utf8'));
  const all = config.headers.find((rule: { source: string }) => rule.source === '/(.*)');
  return all.headers as { key: string; value: string }[];
};

describe('security headers', () => {
  test.each(['/', '/call/x', '/api/health'])(
    '%s carries every header of vercel.json',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      for (const { key, value } of await vercelHeaders()) {
        const sent = response.headers.get(key);
        if (key === 'Content-Security-Policy') {
          // The dev server only adds its own LiveKit origin and Vite's needs (dev/security-headers.ts).
          for (const directive of value.split('; ')) expect(sent).toContain(directive);
        } else {
          expect(sent, key).toBe(value);
        }
      }
    },
  );

  test('vercel.json decides framing, media permissions and HSTS', async () => {
    const headers = Object.fromEntries((await vercelHeaders()).map((h) => [h.key, h.value]));
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['Content-Security-Policy']).toContain('wss://*.livekit.cloud');
    expect(headers['Permissions-Policy']).toMatch(
      /camera=\(self\).*microphone=\(self\).*display-capture=\(self\)/,
    );
    expect(headers['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
  });
});

describe('dot-folders', () => {
  test.each([
    `/.data/security-probe-${process.pid}.txt`,
    `/%2edata/security-probe-${process.pid}.txt`,
    '/.data/pglite/PG_VERSION',
    '/.git/config',
    '/.env',
  ])('%s → 404, nothing served', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('private');
  });
});

test("Vite's own pre-bundled dependencies (node_modules/.vite/deps) are still served", async () => {
  const main = await (await fetch(`${server.url}/src/main.tsx`)).text();
  const dep = /\/node_modules\/\.vite\/deps\/[^"']+/.exec(main)?.[0];
  expect(dep).toBeDefined();
  expect((await fetch(`${server.url}${dep}`)).status).toBe(200);
});
