import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// `npm run mutate` (Stryker) runs the tests of `npm test` that reach the server core: the unit
// tables, the handler tests and the fault suites. Left out: the client's tests, the stand-ins'
// own tests, the bundle budget, and the concurrency bursts (hundreds of requests per test, which
// would be repeated for every mutant they cover without killing any the others do not).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/faults/**/*.test.ts'],
      exclude: ['tests/faults/concurrency.test.ts'],
    },
  }),
);
