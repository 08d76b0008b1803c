/**
 * Figure 2 — callback throughput. In this one Node process, against real Postgres, through the
 * app's pool (max 10 connections) at concurrency 32, 5,000 participant_joined events (the callee
 * joins an accepted call: accepted → connected) for 5,000 distinct calls created by SQL
 * beforehand, four ways:
 *   handler    signed webhooks through the real handler (`POST` of api/webhooks/livekit.ts, real
 *              Requests, no HTTP);
 *   statement  the handler's own statement (db/calls.ts `callEventStatement`) sent straight
 *              through pg, no verification, no parsing: the floor for the work that must be done;
 *   naive      signed webhooks through bench/naive-livekit-webhook.ts: verify, then SELECT,
 *              UPDATE, UPDATE, INSERT one after another, with no lock or transaction;
 *   insert     a bare one-row INSERT, for scale (less work than any handler must do).
 * Three rounds after a warm-up, the order reversed every other round; each side's figure is its
 * median round. Budgets: handler ≥ 0.7 × statement and ≥ 3 × naive.
 * The handler's one log line per state change is discarded during the run (the platform ships
 * stdout; a terminal would measure itself).
 */
import { randomUUID } from 'node:crypto';
import { POST as livekitWebhook } from '../api/webhooks/livekit';
import { callEventStatement } from '../api/_lib/db/calls';
import { getPool } from '../api/_lib/db/pool';
import { livekitEvent } from '../tests/support/calls';
import type { TestEnvironment } from '../tests/support/test-environment';
import { naiveLivekitWebhook } from './naive-livekit-webhook';
import { perEvent, sampleCpu } from './cpu-time';
import { fixed, median, percentile, type Figure } from './report';
import { livekitWebhookRequest } from './world';

const EVENTS = 5000;
const CONCURRENCY = 32;
const ROUNDS = 3;
const WARM_UP = 2000;
const POOL_MAX = 10; // api/_lib/db/pool.ts
const SIDES = ['insert', 'statement', 'naive', 'handler'] as const;
type Side = (typeof SIDES)[number];

interface Run {
  perSecond: number;
  /** CPU microseconds per event: this Node process, and the local Postgres server. */
  cpu: { node: number; postgres: number | null };
  p50: number;
  p99: number;
  /** Events that did not leave their call connected. */
  failures: number;
}

interface Call {
  id: string;
  /** The callee's room identity: what their LiveKit participant is called. */
  callee_identity: string;
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
        budget: '≥ 0.7 × same statement',
        pass: null,
        detail: 'no Postgres answered; set BENCH_DATABASE_URL (PGlite is not a throughput figure)',
      },
    ];
  }
  await createUsers(env);
  await env.db.query('CREATE TABLE bench_floor (id bigserial PRIMARY KEY, n integer NOT NULL)');

  for (const side of SIDES) await run(env, side, WARM_UP);
  const runs: Record<Side, Run[]> = { insert: [], statement: [], naive: [], handler: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const side of order) runs[side].push(await run(env, side, EVENTS));
  }

  const m = Object.fromEntries(SIDES.map((side) => [side, medianRun(runs[side])])) as Record<
    Side,
    Run
  >;
  const failures = SIDES.flatMap((side) => runs[side]).reduce((sum, r) => sum + r.failures, 0);
  const toFloor = m.handler.perSecond / m.statement.perSecond;
  const toNaive = m.handler.perSecond / m.naive.perSecond;
  const rate = (r: Run, unit: string) => `${fixed(r.perSecond)} ${unit}/s`;
  const ms = (r: Run) => `p50 ${fixed(r.p50, 1)} ms, p99 ${fixed(r.p99, 1)} ms`;
  const cpu = (side: Side) => {
    const { node, postgres } = m[side].cpu;
    return `${side} ${fixed(node)} + ${postgres === null ? '?' : fixed(postgres)}`;
  };
  const rounds = (side: Side) => runs[side].map((r) => fixed(r.perSecond)).join(', ');
  const failed = failures ? `; ${failures} events did not connect their call` : '';
  const data = { ...runs, events: EVENTS, concurrency: CONCURRENCY, poolMax: POOL_MAX };
  return [
    {
      name,
      value: rate(m.handler, 'ev'),
      budget: '≥ 0.7 × same statement',
      pass: failures === 0 && toFloor >= 0.7,
      detail: `${fixed(toFloor, 2)} × the same statement through pg (${rate(m.statement, 'ev')})${failed}`,
      explain: [
        `handler ${ms(m.handler)}; same statement ${ms(m.statement)}; naive ${ms(m.naive)}; ` +
          `bare INSERT ${ms(m.insert)}`,
        `CPU µs per event, Node + Postgres: ${SIDES.map(cpu).join('; ')}`,
        `${EVENTS} per side per round, concurrency ${CONCURRENCY}, pool max ${POOL_MAX}; ` +
          `median of ${ROUNDS} rounds, order reversed every other round (ev/s by round: ` +
          `handler ${rounds('handler')}; same statement ${rounds('statement')}; ` +
          `naive ${rounds('naive')}; bare INSERT ${rounds('insert')})`,
      ],
      data,
    },
    {
      name: 'throughput: handler ÷ naive handler',
      value: `${fixed(toNaive, 1)} ×`,
      budget: '≥ 3 × naive',
      pass: failures === 0 && toNaive >= 3,
      detail: `naive (verify; SELECT, UPDATE, UPDATE, INSERT in turn) ${rate(m.naive, 'ev')}`,
    },
    {
      name: 'throughput: bare one-row INSERT, for scale',
      value: rate(m.insert, 'rows'),
      budget: '',
      pass: null,
      detail: `handler ${fixed(m.handler.perSecond / m.insert.perSecond, 2)} × (less work than a handler must do)`,
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

/** n calls for one side, accepted with the caller in the room, so the callee's join connects. */
async function run(env: TestEnvironment, side: Side, n: number): Promise<Run> {
  if (side === 'insert') {
    const pool = await getPool();
    await settle(env);
    return drive(n, async (i) => {
      await pool.query('INSERT INTO bench_floor (n) VALUES ($1)', [i]);
      return true;
    });
  }
  const { rows: calls } = await env.db.query<Call>(
    `INSERT INTO calls (caller_id, callee_id, media, status, ringing_at, accepted_at, caller_joined_at)
     SELECT 'U' || md5('bench-' || (2 * i - 1)), 'U' || md5('bench-' || (2 * i)), 'audio',
            'accepted', now(), now(), now()
     FROM generate_series(1, $1) AS i
     RETURNING id, (SELECT room_identity FROM users WHERE line_user_id = callee_id) AS callee_identity`,
    [n],
  );
  const log = console.log;
  console.log = () => {};
  try {
    const send = await eventSender(env, side, calls);
    await settle(env);
    return await drive(n, send);
  } finally {
    console.log = log;
    // Free the pairs for the next run.
    await env.db.query(`UPDATE calls SET status = 'ended', ended_at = now() WHERE id = ANY($1)`, [
      calls.map((call) => call.id),
    ]);
  }
}

/**
 * Every run starts from the same database state: the rows written before it (the run before, this
 * run's calls) vacuumed and the WAL checkpointed, rather than autovacuum and the checkpointer
 * landing in whichever side runs next.
 */
async function settle(env: TestEnvironment): Promise<void> {
  await env.db.query('VACUUM (ANALYZE) calls, call_events, bench_floor');
  await env.db.query('CHECKPOINT');
}

/** Sends the i-th call's event one side's way; true when the call is now connected. */
async function eventSender(
  env: TestEnvironment,
  side: Exclude<Side, 'insert'>,
  calls: Call[],
): Promise<(i: number) => Promise<boolean>> {
  if (side === 'statement') {
    const pool = await getPool();
    return async (i) => {
      const call = calls[i]!;
      const { rows } = await pool.query<{ after: boolean; status: string }>(
        callEventStatement({
          id: call.id,
          event: { type: 'joined' },
          origin: {
            source: 'livekit',
            eventId: `EV_${randomUUID()}`,
            data: { identity: call.callee_identity },
          },
          participant: { identity: call.callee_identity, at: new Date() },
        }),
      );
      return rows.some((row) => row.after && row.status === 'connected');
    };
  }
  const deliveries = await Promise.all(
    calls.map((call) => livekitEvent(env, 'participant_joined', call.id, call.callee_identity)),
  );
  const handler = side === 'handler' ? livekitWebhook : naiveLivekitWebhook;
  return async (i) => {
    const response = await handler(livekitWebhookRequest(deliveries[i]!));
    return ((await response.json()) as { status?: string }).status === 'connected';
  };
}

/** Runs work(0 … n-1) with CONCURRENCY in flight; per-item latency in ms. */
async function drive(n: number, work: (i: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const cpuAtStart = await sampleCpu();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        if (!(await work(i))) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return {
    perSecond: n / seconds,
    cpu: perEvent(cpuAtStart, await sampleCpu(), n),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

/** The round with the median rate, so its latencies belong to it. */
function medianRun(runs: Run[]): Run {
  const rate = median(runs.map((r) => r.perSecond));
  return runs.find((r) => r.perSecond === rate)!;
}
