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
  },
});
