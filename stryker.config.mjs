// @ts-check
/**
 * Mutation testing of the server core (`npm run mutate`, README "Run it"). The whole scope takes
 * hours on 2 cores, because a mutant is judged by the handler tests that reach it and each test
 * file starts a server and a database; so it runs one group of `mutation-groups.json` at a time,
 * with the tests meant to catch that group's mistakes: `MUTATION_GROUP=calls npm run mutate`.
 * Each group keeps its own report and incremental file in reports/mutation/<group>/, so a second
 * run re-tests only mutants whose code or tests changed.
 *
 * The group's tests are chosen by vitest.mutation.config.ts (the runners are child processes and
 * read MUTATION_GROUP too), not with Stryker's `testFiles`: with that, Stryker 10.1 activates a
 * static mutant only after its module has loaded, so every static mutant survives
 * (stryker-mutator/stryker-js#6144, #6209).
 *
 * `ignoreStatic` in the groups judged by handler tests: a mutant in code that runs when a module
 * loads (a constant, a table) is judged by every test file of the group, each starting a server
 * and a database, which takes longer than the rest of the group together. The report lists those
 * mutants as ignored. The lifecycles are pure and mutated in full.
 */
import process from 'node:process';
import groups from './mutation-groups.json' with { type: 'json' };

/** @type {Record<string, { mutate: string[]; tests: string[]; ignoreStatic?: boolean }>} */
const GROUPS = groups;
const name = process.env.MUTATION_GROUP;
const group = name ? GROUPS[name] : undefined;
if (name && !group) {
  throw new Error(`MUTATION_GROUP=${name} is not one of: ${Object.keys(GROUPS).join(', ')}.`);
}
const dir = `reports/mutation/${name ?? 'all'}`;

export default {
  testRunner: 'vitest',
  // `related` would miss the handler tests, which reach the code over HTTP, not through imports.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false, pool: 'forks' },
  coverageAnalysis: 'perTest',
  mutate: group?.mutate ?? Object.values(GROUPS).flatMap((g) => g.mutate),
  ignoreStatic: group?.ignoreStatic ?? false,
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
