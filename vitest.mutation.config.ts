import { defineConfig } from 'vitest/config';
import groups from './mutation-groups.json';
import base from './vitest.config';

// `npm run mutate` (Stryker, see stryker.config.mjs) runs these tests of `npm test`: the group's
// own, or every suite that reaches the server core (the unit tables, the handler tests, the fault
// suites). Never the client's tests, the stand-ins' own tests, the bundle budget, or the
// concurrency bursts (hundreds of requests per test, repeated for every mutant they cover).
const group = groups[process.env.MUTATION_GROUP as keyof typeof groups] as
  { tests: string[] } | undefined;

// Spread rather than mergeConfig, which would add these lists to the base's instead of replacing them.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: group?.tests ?? [
      'tests/unit/**/*.test.ts',
      'tests/api/**/*.test.ts',
      'tests/faults/**/*.test.ts',
    ],
    exclude: ['tests/faults/concurrency.test.ts'],
    setupFiles: ['tests/support/load-mutated-modules.ts'],
  },
});
