/**
 * Campaign dispatch: a campaign of 10,000 phone leads (BENCH_CAMPAIGN_LEADS) at concurrency 50 and
 * the highest pace (120 a minute), run step after step through the real use case against the
 * stand-ins (LiveKit rooms and dispatch, QStash publishes), on the step's own clock so the pace's
 * minute passes at once. After each step every call it started ends unanswered (no retry), so
 * the lines free up as they would. Figures:
 *   - leads dispatched per second of real time;
 *   - database round trips per lead (BEGIN and COMMIT counted), split into the step's own
 *     (claim, repairs, next step), the agent-call dispatcher's (the session, its ring) and the
 *     call's end (the session's change and the lead following it);
 *   - the heap after a collection at every tenth of the leads: the step holds at most one step's
 *     leads, so what grows is the stand-ins' records (QStash keeps every message it was sent).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { applyToSession } from '../api/_lib/agent-calls/apply-to-session';
import { campaignStep } from '../api/_lib/campaigns/campaign-step';
import { tickOf, tickStart } from '../api/_lib/domain/campaign-dispatch';
import { phoneLeads, runningCampaign } from '../tests/support/campaign-dispatch';
import type { TestEnvironment } from '../tests/support/test-environment';
import { fixed, type Figure } from './report';

type Phase = 'step' | 'dial' | 'call end';

export async function campaignDispatch(
  env: TestEnvironment,
  leads = Number(process.env.BENCH_CAMPAIGN_LEADS ?? 10_000),
): Promise<Figure[]> {
  const id = await runningCampaign(env, phoneLeads(leads, 500_000), {
    concurrency: 50,
    pacePerMinute: 120,
    retry: { outcomes: [], delayMinutes: 30, maxAttempts: 1 },
  });
  const counts: Record<Phase, number> = { step: 0, dial: 0, 'call end': 0 };
  const heap: { leads: number; mb: number }[] = [];
  let phase: 'step' | 'call end' = 'step';
  const restore = countRoundTrips((stack) => {
    counts[phase === 'step' && /\bstartAgentCall\b/.test(stack) ? 'dial' : phase]++;
  });
  let now = new Date('2026-12-07T00:00:00Z');
  let tick = tickOf(now);
  let steps = 0;
  const started = performance.now();
  try {
    for (;;) {
      phase = 'step';
      const outcome = await campaignStep({ campaignId: id, tick }, now);
      steps++;
      if (outcome.campaign !== 'running' || outcome.nextTick === null) break;
      phase = 'call end';
      const { rows } = await env.db.query<{ sid: string }>(
        `SELECT s.sid FROM agent_call_sessions s JOIN campaign_leads l ON l.id = s.campaign_lead_id
         WHERE l.campaign_id = $1 AND s.status IN ('initiated', 'ringing')`,
        [id],
      );
      for (const { sid } of rows) {
        await applyToSession({
          id: sid,
          event: { type: 'no-answer' },
          origin: { source: 'system' },
        });
      }
      tick = outcome.nextTick;
      now = tickStart(tick);
      const dialled = await finished(env, id);
      if (dialled >= ((heap.length + 1) * leads) / 10) {
        (globalThis as { gc?: () => void }).gc?.();
        heap.push({ leads: dialled, mb: process.memoryUsage().heapUsed / 2 ** 20 });
      }
    }
  } finally {
    restore();
  }
  const seconds = (performance.now() - started) / 1000;
  const dialled = await finished(env, id);
  const total = counts.step + counts.dial + counts['call end'];
  const perLead = (n: number) => fixed(n / dialled, 1);
  return [
    {
      name: 'campaign dispatch: leads per second',
      value: `${fixed(dialled / seconds, 0)} leads/s`,
      budget: '',
      pass: dialled === leads ? null : false,
      detail: `${fixed(dialled)} of ${fixed(leads)} leads in ${fixed(seconds, 1)} s, ${steps} steps`,
    },
    {
      name: 'campaign dispatch: round trips per lead',
      value: perLead(total),
      budget: '',
      pass: null,
      detail: `step ${perLead(counts.step)}, agent-call dispatcher ${perLead(counts.dial)}, call end ${perLead(counts['call end'])}`,
    },
    {
      name: 'campaign dispatch: heap after GC',
      value: heap.length ? `${fixed(heap.at(-1)!.mb, 0)} MB` : 'n/a',
      budget: '',
      pass: null,
      detail: heap.map((h) => `${fixed(h.leads)}: ${fixed(h.mb, 0)}`).join(', '),
      explain: [
        `the QStash stand-in holds ${fixed(env.qstash.messages().length)} messages by then` +
          ((globalThis as { gc?: unknown }).gc
            ? ''
            : ' (run node with --expose-gc for a collection)'),
      ],
    },
  ];
}

async function finished(env: TestEnvironment, campaignId: string): Promise<number> {
  const { rows } = await env.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM campaign_leads WHERE campaign_id = $1 AND attempts > 0`,
    [campaignId],
  );
  return rows[0]!.n;
}

/**
 * Calls `count` with the stack of every pg round trip the app makes. pg.Pool#query hands its
 * statement to a client on a later tick, which cuts the stack there: the stack at the Pool call
 * travels along in an AsyncLocalStorage (as in statements-per-callback.ts).
 */
function countRoundTrips(count: (stack: string) => void): () => void {
  const poolStack = new AsyncLocalStorage<string>();
  const { query: poolQuery } = pg.Pool.prototype;
  const { query: clientQuery } = pg.Client.prototype;
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
    return poolStack.run(new Error().stack ?? '', () =>
      (poolQuery as (...a: unknown[]) => unknown).apply(this, args),
    );
  } as typeof poolQuery;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const stack = `${new Error().stack}\n${poolStack.getStore() ?? ''}`;
    // The bench's own reads (env.db) are not the app's.
    if (/\/api\/_lib\//.test(stack)) count(stack);
    return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof clientQuery;
  return () => {
    pg.Pool.prototype.query = poolQuery;
    pg.Client.prototype.query = clientQuery;
    Error.stackTraceLimit = stackLimit;
  };
}
