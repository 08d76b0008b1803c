/**
 * Figure 2 — callback throughput. In this one Node process, against real Postgres: 5,000 signed
 * LiveKit webhooks (participant_joined of the callee, accepted → connected) for 5,000 distinct
 * calls, created by SQL beforehand, at concurrency 32 through the real handler (`POST` of
 * api/webhooks/livekit.ts called with real Requests, no HTTP); and, in the same round, 5,000 bare
 * single-row INSERTs through the same pool (the app's, max 10 connections) at the same
 * concurrency: the floor. Three rounds after a warm-up, alternating which side goes first; the
 * figure is the median round. Budget (issue 5): handler events/s ≥ 0.8 × floor inserts/s.
 * The handler's one log line per state change is discarded during the run (the platform ships
 * stdout; a terminal would measure itself).
 */
import { POST as livekitWebhook } from '../api/webhooks/livekit';
import { getPool } from '../api/_lib/db/pool';
import { livekitEvent } from '../tests/support/calls';
import type { TestEnvironment } from '../tests/support/test-environment';
import { fixed, median, percentile, type Figure } from './report';
import { livekitWebhookRequest } from './world';

const EVENTS = 5000;
const CONCURRENCY = 32;
const ROUNDS = 3;
const WARM_UP = 2000;
const POOL_MAX = 10; // api/_lib/db/pool.ts

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

export async function callbackThroughput(
  env: TestEnvironment,
  postgres: string | undefined,
): Promise<Figure[]> {
  const name = 'throughput: LiveKit webhook handler';
  if (!postgres) {
    return [
      {
        name,
        value: 'skipped',
        budget: '≥ 0.8 × floor',
        pass: null,
        detail: 'no Postgres answered; set BENCH_DATABASE_URL (PGlite is not a throughput figure)',
      },
    ];
  }
  await createUsers(env);
  await env.db.query('CREATE TABLE bench_floor (id bigserial PRIMARY KEY, n integer NOT NULL)');

  await handlerRun(env, WARM_UP);
  await floorRun(WARM_UP);
  const handler: Run[] = [];
  const floor: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) floor.push(await floorRun(EVENTS));
    handler.push(await handlerRun(env, EVENTS));
    if (round % 2 === 1) floor.push(await floorRun(EVENTS));
  }

  const h = medianRun(handler);
  const f = medianRun(floor);
  const failures = handler.reduce((sum, run) => sum + run.failures, 0);
  const ratio = h.perSecond / f.perSecond;
  const ms = (run: Run) => `p50 ${fixed(run.p50, 1)} ms, p99 ${fixed(run.p99, 1)} ms`;
  return [
    {
      name,
      value: `${fixed(h.perSecond)} ev/s`,
      budget: '≥ 0.8 × floor',
      pass: failures === 0 && ratio >= 0.8,
      detail:
        `${fixed(ratio, 2)} × floor of ${fixed(f.perSecond)} inserts/s` +
        (failures ? `; ${failures} webhooks did not connect their call` : ''),
      explain: [
        `handler ${ms(h)}; floor (bare INSERT) ${ms(f)}`,
        `${EVENTS} per side per round, concurrency ${CONCURRENCY}, pool max ${POOL_MAX}; ` +
          `median of ${ROUNDS} rounds (handler ev/s: ${handler.map((r) => fixed(r.perSecond)).join(', ')}; ` +
          `floor: ${floor.map((r) => fixed(r.perSecond)).join(', ')})`,
      ],
      data: { handler, floor, events: EVENTS, concurrency: CONCURRENCY, poolMax: POOL_MAX },
    },
  ];
}

/** Two users per call, so every call is its own pair (one live call per pair). */
async function createUsers(env: TestEnvironment): Promise<void> {
  await env.db.query(
    `INSERT INTO users (line_user_id, display_name)
     SELECT 'U' || md5('bench-' || i), 'Bench ' || i FROM generate_series(1, $1) AS i`,
    [2 * EVENTS],
  );
}

async function handlerRun(env: TestEnvironment, n: number): Promise<Run> {
  const { rows } = await env.db.query<{ id: string; callee_id: string }>(
    `INSERT INTO calls (caller_id, callee_id, media, status, ringing_at, accepted_at, caller_joined_at)
     SELECT 'U' || md5('bench-' || (2 * i - 1)), 'U' || md5('bench-' || (2 * i)), 'audio',
            'accepted', now(), now(), now()
     FROM generate_series(1, $1) AS i
     RETURNING id, callee_id`,
    [n],
  );
  const deliveries = await Promise.all(
    rows.map((call) => livekitEvent(env, 'participant_joined', call.id, call.callee_id)),
  );

  const log = console.log;
  console.log = () => {};
  let failures = 0;
  const run = await drive(n, async (i) => {
    const response = await livekitWebhook(livekitWebhookRequest(deliveries[i]!));
    const body = (await response.json()) as { status?: string };
    if (body.status !== 'connected') failures++;
  }).finally(() => (console.log = log));

  // Free the pairs for the next round.
  await env.db.query(`UPDATE calls SET status = 'ended', ended_at = now() WHERE id = ANY($1)`, [
    rows.map((call) => call.id),
  ]);
  return { ...run, failures };
}

async function floorRun(n: number): Promise<Run> {
  const pool = await getPool();
  const run = await drive(n, async (i) => {
    await pool.query('INSERT INTO bench_floor (n) VALUES ($1)', [i]);
  });
  return { ...run, failures: 0 };
}

/** Runs work(0 … n-1) with CONCURRENCY in flight; per-item latency in ms. */
async function drive(n: number, work: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await work(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The round with the median rate, so its latencies belong to it. */
function medianRun(runs: Run[]): Run {
  const rate = median(runs.map((run) => run.perSecond));
  return runs.find((run) => run.perSecond === rate)!;
}
