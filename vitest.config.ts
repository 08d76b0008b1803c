import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/api/**/*.test.ts',
      'tests/stand-ins/**/*.test.ts',
      'tests/faults/**/*.test.ts',
      'tests/bench/**/*.test.ts',
      'src/**/*.test.{ts,tsx}',
    ],
    environment: 'node',
    // The handlers log a JSON line per state change and per deliberate fault: leave those out,
    // and keep what tests print (the fault suite's summary, the burst figures).
    onConsoleLog: (log) => !log.startsWith('{"level":'),
    // Each API test file starts its own database (PGlite ≈ 3 s): keep it out of per-test time.
    hookTimeout: 60_000,
    testTimeout: 20_000,
  },
});
