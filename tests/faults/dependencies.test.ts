/**
 * Dependency faults, injected where they happen in production: LINE answering 429, 500 or not
 * at all (through the LINE stand-in, watched by an HTTP tap that sees every attempt and its retry
 * key), the LiveKit server API answering 5xx during an agent-call dispatch (a tap in front of the
 * LiveKit stand-in that fails chosen methods), and the database connection dropping in the middle
 * of a callback (a TCP proxy in front of the database that cuts at a chosen statement). The sender
 * must be told to retry (5xx), and the retried delivery must complete the effect exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { resetConfig } from '../../api/_lib/config';
import { closePool } from '../../api/_lib/db/pool';
import {
  AGENT_SETTINGS,
  callMeNow,
  dispatchWithApiKey,
  pushedTexts,
  sessionOf,
} from '../support/agent-calls';
import { livekitEvent, sendLivekitWebhook, startCall, statusOf } from '../support/calls';
import { faultTally } from '../support/fault-tally';
import { startHttpTap, type HttpTap } from '../support/http-tap';
import { startPostgresProxy, type PostgresProxy } from '../support/postgres-proxy';
import { lineSignature, lineWebhookBody, postLineWebhook } from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const tally = faultTally(import.meta.url);
let line: HttpTap;
let livekit: HttpTap;
let database: PostgresProxy;
/** Errors nothing caught while a connection was cut: each would have crashed the server. */
const uncaught: string[] = [];
const recordUncaught = (error: Error) => void uncaught.push(`${error.name}: ${error.message}`);

// Registered before the environment so that it runs after the environment has closed: the server
// lets go of its connections through the proxy first.
afterAll(() => Promise.all([line?.close(), livekit?.close(), database?.close()]));
const env = useTestEnvironment({
  env: { ...AGENT_SETTINGS, LIVEKIT_SIP_TRUNK_ID: 'ST_fault_trunk' },
});
beforeAll(async () => {
  [line, livekit, database] = await Promise.all([
    startHttpTap(env.url),
    startHttpTap(env.url),
    startPostgresProxy(env.databaseUrl),
  ]);
  Object.assign(process.env, {
    LINE_API_BASE_URL: line.url,
    LIVEKIT_URL: livekit.url.replace(/^http/, 'ws'),
    DATABASE_URL: database.url,
  });
  resetConfig();
  await closePool(); // the server's next query connects through the proxy
  process.on('uncaughtException', recordUncaught);
});
afterAll(() => void process.off('uncaughtException', recordUncaught));
beforeEach(() => {
  env.line.reset();
  database.clearCuts();
});

let pairs = 0;
/** Two users of our own per test: no live call or hourly limit carries over. */
async function twoUsers() {
  const [caller, callee] = await syntheticUsers(env, `deps-${pairs++}`, 2);
  return { caller: caller!, callee: callee! };
}

describe('LINE answering badly to a ring push', () => {
  const pushAttemptsSince = (before: number) =>
    line.requests(/\/v2\/bot\/message\/push$/).slice(before);

  test.each([
    ['429 once', [{ status: 429 }], [429, 200]],
    ['500 twice', [{ status: 500, count: 2 }], [500, 500, 200]],
    ['500 after accepting it (the answer was lost)', [{ status: 500, accepted: true }], [500, 409]],
  ])('%s → retried with the same X-Line-Retry-Key, delivered once', async (_name, faults, seen) => {
    const { caller, callee } = await twoUsers();
    const before = line.requests(/\/v2\/bot\/message\/push$/).length;
    for (const fault of faults) env.line.failNextPushes(fault);
    const response = await startCall(env, caller, callee);
    tally.requests();
    const rings = env.line.pushes(callee.userId);
    tally.effects({ expected: 1, found: rings.length });
    expect(response.status).toBe(201);

    const attempts = pushAttemptsSince(before);
    expect(attempts.map((a) => a.status)).toEqual(seen);
    const keys = new Set(attempts.map((a) => a.headers['x-line-retry-key']));
    expect(keys.size).toBe(1);
    expect(rings.map((ring) => ring.retryKey)).toEqual([...keys]);
  });

  test(
    'LINE holding a ring push for 5 s → the attempt is given up and retried with the same ' +
      'key, rung once (today: no time-out, the caller waits as long as LINE does)',
    async () => {
      const { caller, callee } = await twoUsers();
      const before = line.requests(/\/v2\/bot\/message\/push$/).length;
      const holdMs = 5_000;
      env.line.delayNextPushes(holdMs);
      const sent = Date.now();
      const response = await startCall(env, caller, callee);
      const answeredAfter = Date.now() - sent;
      tally.requests();
      expect(response.status).toBe(201);
      // The held attempt is still processed by LINE when it ends; its key makes it a no-op.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, holdMs + 300 - answeredAfter)),
      );
      const attempts = pushAttemptsSince(before);
      const rings = env.line.pushes(callee.userId);
      expect(rings).toHaveLength(1);
      expect({
        answeredBeforeLine: answeredAfter < holdMs,
        retried: attempts.length >= 2,
        keys: new Set(attempts.map((a) => a.headers['x-line-retry-key'])).size,
      }).toEqual({ answeredBeforeLine: true, retried: true, keys: 1 });
    },
    15_000,
  );
});

describe('the LiveKit server API answering 5xx during an agent-call dispatch', () => {
  const twirpError = { code: 'unavailable', msg: 'injected by the fault suite' };

  test.each([
    ['CreateRoom', 503, /create the room/, false],
    ['CreateDispatch', 500, /dispatch the agent/, true],
  ])(
    '%s answering %i → 503, session failed with the reason, no push, no job, no room left',
    async (method, status, reason, roomWasCreated) => {
      const [user] = await syntheticUsers(env, `livekit-${method}`, 1);
      livekit.failNext(new RegExp(`/${method}$`), status, twirpError);
      const response = await callMeNow(env, user!);
      tally.requests();
      expect(response.status).toBe(503);
      const { error } = await response.json();
      expect(error.code).toBe('call_initiation_failed');

      const session = await sessionOf(env, error.sid);
      expect(session.status).toBe('failed');
      expect(session.failure_reason).toMatch(reason);
      expect(env.line.pushes(user!.userId)).toHaveLength(0);
      expect(env.qstash.messages().filter((m) => m.body.includes(error.sid))).toHaveLength(0);
      const room = `agent-${error.sid}`;
      expect(env.livekit.rooms().map((r) => r.name)).not.toContain(room);
      const deletes = env.livekit.calls('DeleteRoom').filter((c) => c.body.room === room);
      if (roomWasCreated) expect(deletes.map((c) => c.status)).toEqual([200]);
    },
  );

  test('CreateSIPParticipant answering 503 → the dial job fails the call, room closed; its ring time-out changes nothing', async () => {
    livekit.failNext(/\/CreateSIPParticipant$/, 503, twirpError);
    const response = await dispatchWithApiKey(env, { to: { phone: '+819012340000' } });
    tally.requests();
    expect(response.status).toBe(201);
    const { sid } = (await response.json()).agentCall;
    tally.requests((await env.qstash.deliverDue()).length);
    expect(await sessionOf(env, sid)).toMatchObject({ status: 'failed' });
    expect((await sessionOf(env, sid)).failure_reason).toMatch(/dial the number/);
    expect(env.livekit.rooms().map((r) => r.name)).not.toContain(`agent-${sid}`);
    const delivered = await env.qstash.advance(60);
    tally.requests(delivered.length);
    expect(await sessionOf(env, sid)).toMatchObject({ status: 'failed' });
  });
});

describe('the database connection dropping mid-callback', () => {
  // Deliver every job still pending, so a cut can only land in the callback under test.
  beforeEach(async () => void (await env.qstash.advance(24 * 3600)));

  test('ring-timeout job: dropped before its first query → 5xx; QStash retries; missed once, one push each', async () => {
    const { caller, callee } = await twoUsers();
    const callId = (await (await startCall(env, caller, callee)).json()).call.id;
    const cut = database.cutOn(/\bcalls\b/, 'before');
    const first = await env.qstash.advance(60);
    expect(await cut).toMatch(/\bcalls\b/);
    const retried = await env.qstash.advance(15); // QStash's first retry comes after e^2.5 s
    tally.requests(first.length + retried.length);

    const missed = [caller, callee].map(
      (u) => env.line.pushes(u.userId).filter((p) => p.messages[0]?.type === 'template').length,
    );
    for (const pushes of missed) tally.effects({ expected: 1, found: pushes });
    const attempts = [...first, ...retried].filter((a) =>
      env.qstash.messages().some((m) => m.messageId === a.messageId && m.body.includes(callId)),
    );
    expect(attempts.map((a) => a.status)).toEqual([503, 200]);
    expect(await statusOf(env, callId)).toBe('missed');
    expect(missed).toEqual([1, 1]);
  });

  test('LINE postback: dropped before the call is read → 5xx; the redelivery declines it once', async () => {
    const { caller, callee } = await twoUsers();
    const callId = (await (await startCall(env, caller, callee)).json()).call.id;
    const body = lineWebhookBody({
      type: 'postback',
      source: { type: 'user', userId: callee.userId },
      postback: { data: `action=decline-call&call=${callId}` },
    });
    const cut = database.cutOn(/\bcalls\b/, 'before');
    const first = await postLineWebhook(env, body, lineSignature(body));
    expect(await cut).toMatch(/\bcalls\b/);
    const again = await postLineWebhook(env, body, lineSignature(body));
    tally.requests(2);
    expect([first.status, again.status]).toEqual([503, 200]);
    expect(await statusOf(env, callId)).toBe('declined');
    const { rows } = await env.db.query(
      `SELECT count(*)::int AS n FROM call_events WHERE call_id = $1 AND source = 'line'`,
      [callId],
    );
    expect(rows[0].n).toBe(1);
  });

  test('LiveKit webhook: dropped after the state change ran, before its answer → 5xx; the redelivery applies it once', async () => {
    const { caller, callee } = await twoUsers();
    const callId = (await (await startCall(env, caller, callee)).json()).call.id;
    const delivery = await livekitEvent(env, 'participant_left', callId, caller);
    const cut = database.cutOn(/UPDATE\s+calls\b/i, 'after');
    const first = await sendLivekitWebhook(env, delivery);
    expect(await cut).toMatch(/UPDATE\s+calls/i);
    const again = await sendLivekitWebhook(env, delivery);
    tally.requests(2);
    expect([first.status, again.status]).toEqual([503, 200]);
    expect(await statusOf(env, callId)).toBe('canceled');
    const { rows } = await env.db.query(
      `SELECT count(*)::int AS n FROM call_events WHERE call_id = $1 AND source = 'livekit'`,
      [callId],
    );
    expect(rows[0].n).toBe(1);
  });

  test.each([
    ['the claim is answered, then the connection drops', /agent_call_sessions/, 'before'],
    ['the claim commits, but its answer is lost', /UPDATE\s+agent_call_retry_queue/i, 'after'],
  ] as const)(
    'execute-retry, %s → 5xx; QStash comes back until the claim is released or lapses, and calls back once',
    async (_name, sql, when) => {
      const [user] = await syntheticUsers(env, `retry-${when}`, 1);
      const { sid } = (await (await callMeNow(env, user!)).json()).agentCall;
      await env.qstash.advance(60);
      const retry = await env.api(`/api/agent-calls/${sid}`, {
        as: user!,
        body: { action: 'schedule-retry' },
      });
      expect(retry.status).toBe(200);

      const cut = database.cutOn(sql, when);
      const first = await env.qstash.advance(300);
      expect(await cut).toMatch(sql);
      // QStash retries after e^2.5 s, then e^5 s. A claim that stayed behind (its answer was
      // lost) is still live at the first retry, which answers 503 again; by the second the
      // lease has lapsed (the database's clock is moved on as QStash's is).
      const retried = await env.qstash.advance(15);
      await env.db.query(
        `UPDATE agent_call_retry_queue SET claimed_at = claimed_at - interval '150 seconds'
         WHERE original_sid = $1`,
        [sid],
      );
      const again = await env.qstash.advance(150);
      const retryJobs = new Set(
        env.qstash
          .messages()
          .filter((message) => message.url.endsWith('/execute-retry'))
          .map((message) => message.messageId),
      );
      const statuses = [...first, ...retried, ...again]
        .filter((attempt) => retryJobs.has(attempt.messageId))
        .map((attempt) => attempt.status);
      tally.requests(statuses.length);
      const { rows } = await env.db.query(
        `SELECT status, (SELECT count(*)::int FROM agent_call_sessions WHERE original_sid = $1)
           AS callbacks
         FROM agent_call_retry_queue WHERE original_sid = $1`,
        [sid],
      );
      const rung = pushedTexts(env, user!).filter((text) => text.includes('autoAccept=1'));
      tally.effects({ expected: 1, found: rows[0]?.callbacks ?? 0 });
      tally.effects({ expected: 2, found: rung.length });
      expect(statuses.at(0)).toBe(503);
      expect(statuses.at(-1)).toBe(200);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);

      expect({ ...rows[0], rung: rung.length }).toEqual({
        status: 'executed',
        callbacks: 1,
        rung: 2, // the first call, then the call back
      });
    },
  );

  test('no cut crashed the server (an uncaught "error" event from a pg client)', () => {
    expect(uncaught).toEqual([]);
  });
});
