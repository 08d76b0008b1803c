/**
 * Figure 1 — statements per callback. Database round trips made while the real handlers, called
 * in-process with real signed Requests, handle:
 *   a. a LiveKit participant_joined of the callee after accept (1:1 call accepted → connected),
 *   b. the same delivery again,
 *   c. a ring-timeout job for a ringing 1:1 call (→ missed, then a push to each party),
 *   d. an execute-retry job ("call me again" after a missed agent call → a new agent call).
 * Every pg.Client#query is one round trip, BEGIN and COMMIT included. A statement is the
 * callback's own unless a SIDE_WORK function is on its (async) stack: reading names for a push,
 * marking a push sent, starting the new call a retry makes. Outbound HTTP (LINE pushes, QStash
 * publishes, LiveKit server API) is counted apart: it is not a statement.
 * Deterministic: one delivery each. Budgets: 1 own statement for a state change with its audit
 * row, 1 for a duplicate; 2 for execute-retry, which marks its row done only after the new call
 * is dispatched, so a transient dispatch failure can hand the row back.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { POST as jobs } from '../api/jobs/[job]';
import { POST as livekitWebhook } from '../api/webhooks/livekit';
import { getPool } from '../api/_lib/db/pool';
import { callMeNow } from '../tests/support/agent-calls';
import { act, livekitEvent, signIn, startedCallId } from '../tests/support/calls';
import type { TestEnvironment } from '../tests/support/test-environment';
import type { Figure } from './report';
import { jobRequest, livekitWebhookRequest } from './world';

const SIDE_WORK = [
  'findUser',
  'markMissedNotified',
  'markTimeoutNotificationSent',
  'startAgentCall',
];

interface Statement {
  sql: string;
  side: boolean;
}

interface Tally {
  statements: Statement[];
  http: string[];
  response: Record<string, unknown>;
}

export async function statementsPerCallback(env: TestEnvironment): Promise<Figure[]> {
  const { alice, bob, carol } = env.users;
  await signIn(env, alice, bob, carol);

  const callId = await startedCallId(env, alice, bob);
  await act(env, bob, callId, 'accept');
  await livekitWebhook(
    livekitWebhookRequest(await livekitEvent(env, 'participant_joined', callId, alice)),
  );
  const calleeJoined = await livekitEvent(env, 'participant_joined', callId, bob);
  const stateChange = await tally(() => livekitWebhook(livekitWebhookRequest(calleeJoined)));
  const duplicate = await tally(() => livekitWebhook(livekitWebhookRequest(calleeJoined)));

  const ringingId = await startedCallId(env, alice, carol);
  const ringTimeout = await tally(async () =>
    jobs(await jobRequest(env, 'ring-timeout', { callId: ringingId })),
  );

  const started = await callMeNow(env, carol);
  const { sid } = ((await started.json()) as { agentCall: { sid: string } }).agentCall;
  await jobs(await jobRequest(env, 'agent-ring-timeout', { sid }));
  await env.api(`/api/agent-calls/${sid}`, { as: carol, body: { action: 'schedule-retry' } });
  const { rows } = await env.db.query(
    'SELECT id::text FROM agent_call_retry_queue WHERE original_sid = $1',
    [sid],
  );
  const executeRetry = await tally(async () =>
    jobs(await jobRequest(env, 'execute-retry', { retryId: rows[0]?.id })),
  );

  return [
    figure('a. webhook, state change', stateChange, (r) => r.status === 'connected', 'connected'),
    figure('b. webhook, duplicate', duplicate, (r) => r.status === 'connected', 'no change'),
    figure('c. ring-timeout job', ringTimeout, (r) => r.status === 'missed', 'missed'),
    figure('d. execute-retry job', executeRetry, (r) => typeof r.sid === 'string', 'new call', 2),
  ];
}

function figure(
  name: string,
  t: Tally,
  expected: (response: Record<string, unknown>) => boolean,
  outcome: string,
  budget = 1,
): Figure {
  const own = t.statements.filter((s) => !s.side);
  const side = t.statements.filter((s) => s.side);
  const ok = expected(t.response);
  return {
    name: `statements: ${name}`,
    value: ok ? String(own.length) : 'n/a',
    budget: `≤ ${budget}`,
    pass: ok ? own.length <= budget : false,
    detail: ok
      ? `→ ${outcome}; + ${side.length} side statements, ${t.http.length} HTTP calls`
      : `unexpected response ${JSON.stringify(t.response)}`,
    explain: [
      `own: ${countedList(own.map((s) => s.sql)) || 'none'}`,
      ...(side.length ? [`side: ${countedList(side.map((s) => s.sql))}`] : []),
      ...(t.http.length ? [`HTTP (not statements): ${countedList(t.http)}`] : []),
    ],
    data: { statements: t.statements, http: t.http, response: t.response },
  };
}

function countedList(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => (n > 1 ? `${n}× ${item}` : item)).join(', ');
}

/**
 * Runs one delivery with every pg round trip and every outbound fetch recorded. pg.Pool#query
 * hands its statement to a client on a later tick, which cuts the stack there: the stack at the
 * Pool call travels along in an AsyncLocalStorage.
 */
async function tally(deliver: () => Promise<Response>): Promise<Tally> {
  // Idle connections in the pool, so no statement waits for another one to be released.
  const pool = await getPool();
  await Promise.all(Array.from({ length: 10 }, () => pool.query('SELECT 1')));
  const statements: Statement[] = [];
  const http: string[] = [];
  const poolStack = new AsyncLocalStorage<string>();
  const { query: poolQuery } = pg.Pool.prototype;
  const { query: clientQuery } = pg.Client.prototype;
  const { fetch } = globalThis;
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
    return poolStack.run(new Error().stack ?? '', () =>
      (poolQuery as (...a: unknown[]) => unknown).apply(this, args),
    );
  } as typeof poolQuery;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const sql = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string }).text ?? '');
    const stack = `${new Error().stack}\n${poolStack.getStore() ?? ''}`;
    statements.push({
      sql: `${describe(sql)}${caller(stack)}`,
      side: SIDE_WORK.some((name) => new RegExp(`\\b${name}\\b`).test(stack)),
    });
    return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof clientQuery;
  globalThis.fetch = (input, init) => {
    http.push(service(String(input instanceof Request ? input.url : input)));
    return fetch(input, init);
  };
  try {
    const response = await deliver();
    return { statements, http, response: (await response.json()) as Record<string, unknown> };
  } finally {
    pg.Pool.prototype.query = poolQuery;
    pg.Client.prototype.query = clientQuery;
    globalThis.fetch = fetch;
    Error.stackTraceLimit = stackLimit;
  }
}

const ACTIONS: Record<string, string> = {
  FROM: 'SELECT',
  JOIN: 'SELECT',
  INTO: 'INSERT',
  UPDATE: 'UPDATE',
};

/** "BEGIN", "SELECT users", "WITH [SELECT calls, INSERT call_events, UPDATE calls] FOR UPDATE" */
function describe(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const verb = /^\w+/.exec(text)?.[0].toUpperCase() ?? '?';
  const lock = /\bFOR UPDATE\b/i.test(text) ? ' FOR UPDATE' : '';
  const ctes = new Set([...text.matchAll(/(\w+) AS \(/gi)].map((m) => m[1]!.toLowerCase()));
  const tables = [...text.matchAll(/\b(FROM|INTO|UPDATE|JOIN) (\w+)\b(?!\()/gi)]
    .filter(([, , table]) => !ctes.has(table!.toLowerCase()))
    .map(([, how, table]) => ({ action: ACTIONS[how!.toUpperCase()]!, table: table! }));
  if (verb === 'WITH') {
    const parts = new Set(tables.map(({ action, table }) => `${action} ${table}`));
    return `WITH [${[...parts].join(', ')}]${lock}`;
  }
  return `${verb}${tables[0] ? ` ${tables[0].table}` : ''}${lock}`;
}

/** The repository function that issued a statement, e.g. " (findCall)". */
function caller(stack: string): string {
  const frame = stack
    .split('\n')
    .find((line) => /api\/_lib\/db\/(?!pool\.ts)/.test(line) && /at (async )?(\w+)/.test(line));
  const name = frame && /at (?:async )?(?:Object\.)?(\w+)/.exec(frame.trim())?.[1];
  return name ? ` (${name})` : '';
}

function service(url: string): string {
  const path = new URL(url).pathname;
  if (path.startsWith('/v2/bot/message/push')) return 'LINE push';
  if (path.startsWith('/__dev/qstash/')) return 'QStash publish';
  if (path.startsWith('/twirp/')) return `LiveKit ${path.split('/').at(-1)}`;
  return path;
}
