import { defineConfig } from 'vitest/config';

// Browser tests: headless Chromium (Debian's `chromium`) driven by playwright-core against the
// dev server. They start real processes, so they run one file at a time with generous timeouts.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    // They need livekit-server and a network namespace: `npm run test:real-media`.
    exclude: ['tests/browser/real-media/**'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // A page follows the server by polling; on a loaded 2-core CI machine a page load plus its
    // first read can take a few seconds, more than expect.poll's 1 s default.
    expect: { poll: { timeout: 10_000 } },
  },
});
