/**
 * The fault suite's figures: requests tried, failures found, effects missing and extra. Each test
 * file counts its own and, when it finishes, adds them to a file shared by the run (the files run
 * in separate workers of one Vitest process); the file that completes the set prints the line:
 *   fault suite: N requests tried, T tests failed, F failures found, M effects missing, E extra
 * Effects are measured, not inferred: a test compares what the database and the stand-ins hold
 * with what its scenario must leave (`effects`), before it asserts, so a missing row and a
 * duplicate push both count. A failed test counts as one failure unless it recorded how many it
 * found; a file whose setup failed (no test ran) counts as a failed file.
 */
import { appendFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach } from 'vitest';

const FAULTS_DIR = fileURLToPath(new URL('../faults', import.meta.url));
// Vitest runs test files in child processes of one main process: its pid names the run.
const RUN_PREFIX = 'liff-calls-fault-suite-';
const RUN_FILE = join(tmpdir(), `${RUN_PREFIX}${process.ppid}.jsonl`);

interface Figures {
  file: string;
  requests: number;
  testsRun: number;
  testsFailed: number;
  failures: number;
  missing: number;
  extra: number;
  filesFailed: number;
}

export interface FaultTally {
  /** Requests sent to the app (directly, or delivered by a stand-in on the test's behalf). */
  requests(count?: number): void;
  /** Failures found by the current test, when it can count them (e.g. bad responses). */
  failures(count: number): void;
  /** One kind of effect a scenario leaves: how many it must leave and how many there are. */
  effects(count: { expected: number; found: number }): void;
}

/** Call once at the top of a fault test file. */
export function faultTally(testFile: string): FaultTally {
  const figures: Figures = {
    file: basename(testFile),
    requests: 0,
    testsRun: 0,
    testsFailed: 0,
    failures: 0,
    missing: 0,
    extra: 0,
    filesFailed: 0,
  };
  let foundInTest = 0;
  beforeEach(({ onTestFailed }) => {
    foundInTest = 0;
    figures.testsRun++;
    onTestFailed(() => {
      figures.testsFailed++;
      figures.failures += Math.max(1, foundInTest);
    });
  });
  afterAll(async () => {
    // beforeAll threw (the world did not start): no test ran, and that is a failure, not a pass.
    if (figures.testsRun === 0) {
      figures.filesFailed = 1;
      figures.failures++;
    }
    console.log(`fault suite [${figures.file}]: ${line(figures)}`);
    await forgetOldRuns();
    await appendFile(RUN_FILE, `${JSON.stringify(figures)}\n`);
    const reported = (await readFile(RUN_FILE, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Figures);
    const expected = (await readdir(FAULTS_DIR)).filter((name) => name.endsWith('.test.ts'));
    if (!expected.every((name) => reported.some((figures) => figures.file === name))) return;
    const total = reported.reduce((sum, f) => ({
      file: 'all',
      requests: sum.requests + f.requests,
      testsRun: sum.testsRun + f.testsRun,
      testsFailed: sum.testsFailed + f.testsFailed,
      failures: sum.failures + f.failures,
      missing: sum.missing + f.missing,
      extra: sum.extra + f.extra,
      filesFailed: sum.filesFailed + f.filesFailed,
    }));
    console.log(`fault suite: ${line(total)}`);
    await rm(RUN_FILE, { force: true });
  });
  return {
    requests: (count = 1) => void (figures.requests += count),
    failures: (count) => void (foundInTest += count),
    effects({ expected, found }) {
      figures.missing += Math.max(0, expected - found);
      figures.extra += Math.max(0, found - expected);
      foundInTest += Math.abs(expected - found);
    },
  };
}

/** A run of only some of the files never prints the total: drop what such runs left. */
async function forgetOldRuns(): Promise<void> {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(RUN_PREFIX)) continue;
    const path = join(tmpdir(), name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (mtimeMs < hourAgo) await rm(path, { force: true });
  }
}

function line(f: Figures): string {
  return (
    `${f.requests} requests tried, ${f.testsRun} cases run, ${f.testsFailed} failed, ` +
    `${f.failures} failures found, ${f.missing} effects missing, ${f.extra} extra` +
    (f.filesFailed ? `, ${f.filesFailed} files failed to set up` : '')
  );
}
