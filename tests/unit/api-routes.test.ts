import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyRewrites, matchRoute, rewritesFrom, routesFromFiles } from '../../dev/api-routes';

const routes = routesFromFiles([
  'health.ts',
  'token.ts',
  'calls/index.ts',
  'calls/[id].ts',
  'jobs/[job].ts',
  'webhooks/livekit.ts',
  '_lib/config.ts',
  '_lib/db/pool.ts',
  'types.d.ts',
]);

describe('dev server routes match Vercel file routing', () => {
  test.each([
    ['/api/health', 'health.ts', {}],
    ['/api/token', 'token.ts', {}],
    ['/api/calls', 'calls/index.ts', {}],
    ['/api/calls/', 'calls/index.ts', {}],
    ['/api/calls/123', 'calls/[id].ts', { id: '123' }],
    ['/api/jobs/ring-timeout', 'jobs/[job].ts', { job: 'ring-timeout' }],
    ['/api/webhooks/livekit', 'webhooks/livekit.ts', {}],
  ])('%s → %s %o', (path, file, params) => {
    expect(matchRoute(routes, path)).toEqual({ file, params });
  });

  test.each([['/api/_lib/config'], ['/api/calls/1/2'], ['/api/nothing'], ['/api/types']])(
    '%s is not a function',
    (path) => {
      expect(matchRoute(routes, path)).toBeUndefined();
    },
  );
});

describe('vercel.json rewrites into a function, as the dev server applies them', () => {
  const rewrites = rewritesFrom(JSON.parse(readFileSync('vercel.json', 'utf8')).rewrites);
  const routed = (path: string) => {
    const url = applyRewrites(rewrites, new URL(path, 'http://localhost'));
    return `${url.pathname}${url.search}`;
  };

  test.each([
    ['/api/console/me', '/api/console?path=me'],
    [
      '/api/console/campaigns/1/leads?status=pending',
      '/api/console?path=campaigns%2F1%2Fleads&status=pending',
    ],
    ['/api/console/do-not-call/%2B819012345678', '/api/console?path=do-not-call%2F%2B819012345678'],
    ['/api/console', '/api/console'],
    ['/api/calls/123', '/api/calls/123'],
  ])('%s → %s', (path, expected) => {
    expect(routed(path)).toBe(expected);
  });

  test('the SPA fallback, which rewrites to no function, is left to the static server', () => {
    expect(rewrites.map((rewrite) => rewrite.destination)).toEqual(['/api/console?path=:path']);
  });

  test.each([['/api/x/(.*)'], ['/api/x/:id(\\d+)']])(
    'a source it cannot read (%s) is refused',
    (source) => {
      expect(() => rewritesFrom([{ source, destination: '/api/x' }])).toThrow(
        /Unsupported rewrite/,
      );
    },
  );
});
