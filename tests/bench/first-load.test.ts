/**
 * The first-load budget of `npm run bench` (docs/decisions.md#performance-budgets), as a test
 * because it is deterministic: a production build (into a temporary folder, with VITE_LIFF_ID set
 * so the real-LIFF path is what is measured) must give the Setup route ≤ 100 kB of gzipped
 * JavaScript and no media code, and keep media code off the History route. A build takes a few
 * seconds.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { measureFirstLoad, SETUP_BUDGET_BYTES, type RouteLoad } from '../../bench/first-load';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('first load of the production build', () => {
  let routes: RouteLoad[];
  const route = (name: string) => routes.find((r) => r.name === name)!;

  beforeAll(async () => {
    routes = await measureFirstLoad(ROOT);
  }, 60_000);

  test('Setup needs at most 100 kB of gzipped JavaScript', () => {
    expect(route('Setup').jsBytes).toBeLessThanOrEqual(SETUP_BUDGET_BYTES);
  });

  test.each(['Setup', 'History'])('%s loads no livekit-client or @livekit code', (name) => {
    expect(route(name).hasMedia).toBe(false);
  });
});
