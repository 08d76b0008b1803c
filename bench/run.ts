/**
 * `npm run bench`: the figures with their budgets (docs/decisions.md#performance-budgets), in one
 * table, also written as JSON to bench/results/<timestamp>.json and latest.json. Loopback only; a
 * few minutes at most.
 *   first load     production build into a temp folder, per-route gzip sizes (deterministic)
 *   cold start     each function bundled by esbuild, imported by fresh Node processes (median of 7)
 *   statements     database round trips per callback through the real handlers (deterministic)
 *   throughput     5,000 LiveKit webhooks vs 5,000 bare INSERTs on real Postgres (median of 3)
 *   open to token  headless Chromium, 4G, CPU 4× slower, against dist/ (median of 5)
 *   join time      real livekit-server: Join → first remote frame vs a bare livekit-client page,
 *                  and 1:1 accept → both hear (medians of 5; bench/join-time.ts)
 *   agent first audio  real livekit-server and agent worker: "call me now" → the callee's page
 *                  decodes the agent's voice (median of 5, in a network namespace;
 *                  bench/agent-first-audio.ts)
 *   lead import    100,000 leads as two uploads of 50,000 through the console function, on PGlite
 *                  and on Postgres, each in a process of its own (bench/lead-import.ts)
 * Statements, throughput and open to token share one world (bench/world.ts). The app's own log
 * lines are muted meanwhile.
 * BENCH_ONLY=throughput (or any step's name, comma-separated) runs only those steps: the
 * throughput figure alone takes a minute, where the whole run takes several.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentFirstAudio } from './agent-first-audio';
import { callbackThroughput } from './callback-throughput';
import { campaignDispatch } from './campaign-dispatch';
import { coldStart } from './cold-start';
import { firstLoad } from './first-load';
import { joinTime } from './join-time';
import { leadImport } from './lead-import';
import { openToToken } from './open-to-token';
import { printTable, writeResults, type Figure } from './report';
import { statementsPerCallback } from './statements-per-callback';
import { startBenchWorld } from './world';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const figures: Figure[] = [];
const notes: string[] = [];
let failed = false;

const appLog = console.log;
const progress = (line: string) => process.stdout.write(`${line}\n`);
console.log = () => {};

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());

async function step(name: string, measure: () => Promise<Figure[]>): Promise<void> {
  if (only && !only.some((wanted) => name.includes(wanted))) return;
  const started = performance.now();
  progress(`${name}…`);
  try {
    figures.push(...(await measure()));
  } catch (error) {
    failed = true;
    const detail = error instanceof Error ? error.message : String(error);
    figures.push({ name, value: 'error', budget: '', pass: false, detail });
  }
  progress(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

notes.push(
  `load average at start: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
await step('first load', () => firstLoad(ROOT));
const bundles = await mkdtemp(join(tmpdir(), 'liff-calls-cold-start-'));
await step('cold start', () => coldStart(ROOT, bundles));
await rm(bundles, { recursive: true, force: true });

const world = await startBenchWorld();
notes.push(
  `database: ${world.postgres ? `Postgres at ${world.postgres}` : 'PGlite (no Postgres answered)'}`,
);
try {
  await step('statements per callback', () => statementsPerCallback(world.env));
  await step('callback throughput', () => callbackThroughput(world.env, world.postgres));
  await step('campaign dispatch', () => campaignDispatch(world.env));
  const staleness = await distStaleness();
  if (staleness) notes.push(staleness);
  await step('open to token', () => openToToken(world.env));
} finally {
  await world.close();
}
// Its own world: a real livekit-server instead of the stand-in.
await step('join time (real media)', () => joinTime());
await step('agent first audio (real media)', () => agentFirstAudio());
await step('lead import', () => leadImport());
notes.push(
  `load average at end: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);

console.log = appLog;
printTable(figures);
console.log(`\n${notes.join('\n')}`);
console.log(`written: ${await writeResults(join(ROOT, 'bench', 'results'), figures, notes)}`);
process.exitCode = failed ? 1 : 0;

/** Open to token runs against dist/: say so when src/ has changed since it was built. */
async function distStaleness(): Promise<string | undefined> {
  const built = join(ROOT, 'dist', 'index.html');
  if (!existsSync(built)) return 'dist/ is missing: run `npm run build` first';
  const files = await readdir(join(ROOT, 'src'), { recursive: true });
  const newest = Math.max(...files.map((file) => statSync(join(ROOT, 'src', file)).mtimeMs));
  return newest > statSync(built).mtimeMs
    ? 'dist/ is older than src/: open to token measured a stale build (run `npm run build`)'
    : undefined;
}
