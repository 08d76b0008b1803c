import { describe, expect, test } from 'vitest';
import { matchRoute, routesFromFiles } from '../../dev/api-routes';

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
