import { defineConfig } from 'vitest/config';

// The deploy check (`npm run test:deploy`): `vercel build`'s output, named by TEST_VERCEL_OUTPUT,
// under plain Node against Postgres. Kept out of `npm test`, which has no build to check.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/deploy/**/*.test.ts'],
    silent: 'passed-only',
    hookTimeout: 60_000,
    testTimeout: 20_000,
  },
});
