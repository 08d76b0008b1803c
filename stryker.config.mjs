// @ts-check
/**
 * Mutation testing of the server core (`npm run mutate`, README "Run it"). The whole scope takes
 * hours on 2 cores, because a mutant is judged by the handler tests that reach it and each test
 * file starts a server and a database; so it runs one group at a time, each with the tests that
 * are meant to catch its mistakes: `MUTATION_GROUP=calls npm run mutate`. Every group keeps its
 * own report and incremental file in reports/mutation/<group>/, so a second run re-tests only
 * mutants whose code or tests changed.
 */
import process from 'node:process';

const lifecycles = [
  'api/_lib/calls/call-lifecycle.ts',
  'api/_lib/agent-calls/agent-call-lifecycle.ts',
  'api/_lib/agent-calls/retry-policy.ts',
];

/**
 * `ignoreStatic` in the groups judged by handler tests: a mutant in code that runs when a module
 * loads (a constant, a table) must be judged by every test file of the group, each starting a
 * server and a database, which is more time than the rest of the group together. The report lists
 * those mutants as ignored; the lifecycles' tables are pure and are mutated in full.
 * @type {Record<string, { mutate: string[]; testFiles: string[]; ignoreStatic?: boolean }>}
 */
const GROUPS = {
  // Pure code: its tables must catch every mistake on their own.
  lifecycles: {
    mutate: lifecycles,
    testFiles: ['tests/unit/{call-lifecycle,agent-call-lifecycle,retry-policy}.test.ts'],
  },
  calls: {
    mutate: ['api/_lib/calls/*.ts', ...lifecycles.map((file) => `!${file}`)],
    testFiles: [
      'tests/api/{calls,rules,call-limits,call-canceled,call-quality,late-leaves}.test.ts',
    ],
    ignoreStatic: true,
  },
  'agent-calls': {
    mutate: ['api/_lib/agent-calls/*.ts', ...lifecycles.map((file) => `!${file}`)],
    testFiles: ['tests/api/{agent-calls,agent-call-limits,phone-dial,sweeper}.test.ts'],
    ignoreStatic: true,
  },
  'event-engine': {
    mutate: [
      'api/_lib/db/event-log.ts',
      'api/_lib/db/calls.ts',
      'api/_lib/db/agent-call-sessions.ts',
      'api/_lib/db/agent-call-retries.ts',
    ],
    testFiles: [
      'tests/api/{calls,rules,call-limits,late-leaves,agent-calls,agent-call-limits,sweeper}.test.ts',
    ],
    ignoreStatic: true,
  },
  edges: {
    mutate: [
      'api/_lib/jobs/*.ts',
      'api/_lib/webhooks/*.ts',
      'api/_lib/auth/*.ts',
      'api/_lib/livekit/webhooks.ts',
      'api/_lib/line/webhook.ts',
      'api/_lib/qstash/jobs.ts',
    ],
    testFiles: [
      'tests/api/{token,line-follow,sweeper,agent-calls,calls}.test.ts',
      'tests/faults/{signatures,bad-requests}.test.ts',
    ],
    ignoreStatic: true,
  },
};

const name = process.env.MUTATION_GROUP;
const group = name ? GROUPS[name] : undefined;
if (name && !group) {
  throw new Error(`MUTATION_GROUP=${name} is not one of: ${Object.keys(GROUPS).join(', ')}.`);
}
const dir = `reports/mutation/${name ?? 'all'}`;

export default {
  testRunner: 'vitest',
  // Only the suites of `npm test` that reach the server (see the config); `related` would miss
  // the handler tests, which reach the code over HTTP rather than through imports.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false, pool: 'forks' },
  coverageAnalysis: 'perTest',
  mutate: group?.mutate ?? Object.values(GROUPS).flatMap((g) => g.mutate),
  ...(group ? { testFiles: group.testFiles, ignoreStatic: group.ignoreStatic ?? false } : {}),
  ignorePatterns: ['dist', '.data', '.vercel', 'bench/results', 'test-results'],
  // Two cores, shared: two runners, and room for a test file's server and database to start.
  concurrency: 2,
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 30,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `${dir}/index.html` },
  jsonReporter: { fileName: `${dir}/mutation.json` },
  incremental: true,
  incrementalFile: `${dir}/incremental.json`,
  cleanTempDir: 'always',
};
