/**
 * What a caller may start (docs/decisions.md#rate-limits): exactly ten counted starts an hour,
 * checked before the callee is looked up; one answer for everyone who cannot be rung; an
 * Idempotency-Key bound to one call, whose replay finishes a start that crashed before ringing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { DevUser } from '../../dev/dev-users';
import { act, signIn, startCall } from '../support/calls';
import { API_KEY, dispatchWithApiKey } from '../support/agent-calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment({ env: { AGENT_API_KEY: API_KEY } });

/**
 * Runs `starts` at once, letting them on only when every one waits at the caller's start lock
 * (insertCall in db/calls.ts): all have passed the checks made before it, as starts arriving
 * together do, however the machine schedules them.
 *
 * PGlite serves one connection at a time, so holding the lock there would block the starts
 * before they reach it (and this helper's own look at pg_locks): they just run together, and
 * the database takes them one after another. The race itself is only reachable on Postgres.
 */
async function togetherAtTheStartLock<T>(
  caller: DevUser,
  starts: (() => Promise<T>)[],
): Promise<T[]> {
  if (!process.env.TEST_DATABASE_URL) return Promise.all(starts.map((start) => start()));
  const key = `call-starts:${caller.userId}`;
  const held = await env.db.connect();
  try {
    await held.query('BEGIN');
    await held.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    const answers = Promise.all(starts.map((start) => start()));
    for (let waited = 0; (await waitingAt(key)) < starts.length; waited += 20) {
      if (waited > 15_000) throw new Error('the starts never reached the lock');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await held.query('COMMIT');
    return await answers;
  } finally {
    held.release();
  }
}

async function waitingAt(key: string): Promise<number> {
  const { rows } = await env.db.query(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
       AND objid::text::bigint = hashtext($1)::bigint & 4294967295`,
    [key],
  );
  return rows[0].n;
}

const ringPushes = (userId: string) =>
  env.line.pushes(userId).filter((push) => push.messages[0]?.type === 'flex');

describe('the hourly limit', () => {
  test('the 10th start of the hour is allowed, the 11th refused with 429', async () => {
    const { alice } = env.users;
    const callees = await syntheticUsers(env, 'limit-exact', 11);
    const statuses: number[] = [];
    for (const callee of callees) statuses.push((await startCall(env, alice, callee)).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    expect(ringPushes(callees[10]!.userId)).toHaveLength(0);
  });

  test('cancelled calls count (each rang someone); calls that failed before ringing do not', async () => {
    const { bob } = env.users;
    const callees = await syntheticUsers(env, 'limit-cancel', 12);
    for (const callee of callees.slice(0, 9)) {
      const { call } = await (await startCall(env, bob, callee)).json();
      expect((await act(env, bob, call.id, 'cancel')).status).toBe(200);
    }
    // A start that failed before ringing (nobody was pushed) is not held against the caller.
    await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, status, ended_at)
       VALUES ($1, $2, 'video', 'failed', now())`,
      [bob.userId, callees[9]!.userId],
    );
    expect((await startCall(env, bob, callees[10]!)).status).toBe(201);
    expect((await startCall(env, bob, callees[11]!)).status).toBe(429);
  });

  test('a caller at the limit learns nothing about who exists: 429 before any lookup', async () => {
    const { carol } = env.users;
    const callees = await syntheticUsers(env, 'limit-first', 10);
    for (const callee of callees) expect((await startCall(env, carol, callee)).status).toBe(201);
    const answer = await startCall(env, carol, 'e'.repeat(22));
    expect(answer.status).toBe(429);
    expect((await answer.json()).error.code).toBe('too_many_calls');
  });

  test('starts arriving together near the limit: only the starts left ring, the rest get 429', async () => {
    const [caller, ...callees] = await syntheticUsers(env, 'limit-burst', 15);
    for (const callee of callees.slice(0, 8)) {
      expect((await startCall(env, caller!, callee)).status).toBe(201);
    }
    const answers = await togetherAtTheStartLock(
      caller!,
      callees.slice(8).map((callee) => async () => {
        const response = await startCall(env, caller!, callee);
        return { status: response.status, code: (await response.json()).error?.code };
      }),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.status !== 201)).toEqual(
      Array(4).fill({ status: 429, code: 'too_many_calls' }),
    );
  });

  test("at the limit, a replay of an earlier start's key still answers that call", async () => {
    const [caller, ...callees] = await syntheticUsers(env, 'limit-replay', 11);
    for (const [i, callee] of callees.entries()) {
      expect((await startCall(env, caller!, callee, { key: `limit-replay-${i}` })).status).toBe(
        201,
      );
    }
    const replay = await startCall(env, caller!, callees[0]!, { key: 'limit-replay-0' });
    expect(replay.status).toBe(200);
    expect((await replay.json()).call.other.contactId).toBe(await env.contactIdOf(callees[0]!));
  });
});

describe('who can be rung', () => {
  test.each([
    ['with a character before it', `!${'A'.repeat(22)}`],
    ['with a character after it', `${'A'.repeat(22)}!`],
    ['a character short', 'A'.repeat(21)],
  ])('a contact id %s is no contact id: 400 invalid_request', async (_, calleeContactId) => {
    const response = await env.api('/api/calls', {
      as: env.users.alice,
      body: { calleeContactId, media: 'video' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_request');
  });

  test('unknown, blocked, and known only from a backend dispatch: the same 404 answer', async () => {
    const { alice } = env.users;
    const [blocked] = await syntheticUsers(env, 'reach-blocked', 1);
    await env.db.query('UPDATE users SET can_receive_push = false WHERE line_user_id = $1', [
      blocked!.userId,
    ]);
    const dispatchedOnly = `U${'d'.repeat(32)}`;
    expect((await dispatchWithApiKey(env, { to: { lineUserId: dispatchedOnly } })).status).toBe(
      201,
    );
    const pushesBefore = env.line.pushes(dispatchedOnly).length;
    const contactIds = [
      '0'.repeat(22),
      await env.contactIdOf(blocked!),
      await env.contactIdOf({ ...blocked!, userId: dispatchedOnly }),
    ];
    const answers = await Promise.all(
      contactIds.map(async (calleeContactId) => {
        const response = await env.api('/api/calls', {
          as: alice,
          body: { calleeContactId, media: 'video' },
          headers: { 'idempotency-key': randomUUID() },
        });
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers[0]).toMatchObject({ status: 404, body: { error: { code: 'unknown_user' } } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(env.line.pushes(dispatchedOnly)).toHaveLength(pushesBefore);
  });

  test('the dispatched-to user becomes callable once they sign in themselves', async () => {
    const { alice } = env.users;
    const [dana] = await syntheticUsers(env, 'reach-later', 1);
    await env.db.query('UPDATE users SET signed_in_at = NULL WHERE line_user_id = $1', [
      dana!.userId,
    ]);
    expect((await startCall(env, alice, dana!)).status).toBe(404);
    await signIn(env, dana!);
    expect((await startCall(env, alice, dana!)).status).toBe(201);
  });
});

describe('Idempotency-Key', () => {
  test('reused for a different callee or media → 409 idempotency_key_reused, nothing rung', async () => {
    const { alice, bob, carol } = env.users;
    expect((await startCall(env, alice, bob, { key: 'reused-key-001' })).status).toBe(201);
    const otherCallee = await startCall(env, alice, carol, { key: 'reused-key-001' });
    const otherMedia = await startCall(env, alice, bob, { key: 'reused-key-001', media: 'audio' });
    for (const response of [otherCallee, otherMedia]) {
      expect(response.status).toBe(409);
      expect((await response.json()).error.code).toBe('idempotency_key_reused');
    }
    expect(ringPushes(carol.userId)).toHaveLength(0);
    expect(ringPushes(bob.userId)).toHaveLength(1);
  });

  test('a replay after a crash between the insert and the ring finishes the start', async () => {
    const { alice, bob } = env.users;
    // As a crash leaves it: the call inserted, no time-out scheduled, nobody rung.
    const { rows } = await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, idempotency_key)
       VALUES ($1, $2, 'video', 'crashed-start-01') RETURNING id`,
      [alice.userId, bob.userId],
    );
    const id = rows[0].id;
    const replay = await startCall(env, alice, bob, { key: 'crashed-start-01' });
    expect(replay.status).toBe(200);
    expect((await replay.json()).call).toMatchObject({ id, status: 'ringing' });
    expect(ringPushes(bob.userId)).toHaveLength(1);
    const jobs = env.qstash.messages().filter((m) => m.body.includes(id));
    expect(jobs).toHaveLength(1);
    // A second replay has nothing left to do.
    expect((await startCall(env, alice, bob, { key: 'crashed-start-01' })).status).toBe(200);
    expect(ringPushes(bob.userId)).toHaveLength(1);
  });

  test('a replay after a crash between the ring and its push rings the callee', async () => {
    const { alice, bob } = env.users;
    const { rows } = await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, idempotency_key, status, ringing_at)
       VALUES ($1, $2, 'video', 'crashed-ring-01', 'ringing', now()) RETURNING id`,
      [alice.userId, bob.userId],
    );
    const replay = await startCall(env, alice, bob, { key: 'crashed-ring-01' });
    expect(replay.status).toBe(200);
    expect((await replay.json()).call).toMatchObject({ id: rows[0].id, status: 'ringing' });
    expect(ringPushes(bob.userId)).toHaveLength(1);
  });

  test('a replay of a start that rang rings no more, even once LINE has forgotten the key', async () => {
    const { alice, bob } = env.users;
    expect((await startCall(env, alice, bob, { key: 'rang-start-01' })).status).toBe(201);
    env.line.reset();
    const replay = await startCall(env, alice, bob, { key: 'rang-start-01' });
    expect(replay.status).toBe(200);
    expect((await replay.json()).call.status).toBe('ringing');
    expect(ringPushes(bob.userId)).toHaveLength(0);
  });

  test('a replay of a start that is over rings nobody, even once LINE has forgotten the key', async () => {
    const { alice, bob, carol } = env.users;
    // A start that crashed before ringing, then missed by the sweeper: its effects never ran.
    await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, idempotency_key, status, ended_at)
       VALUES ($1, $2, 'video', 'crashed-missed-01', 'missed', now())`,
      [alice.userId, carol.userId],
    );
    // A start that rang and was answered; LINE keeps retry keys for 24 hours only.
    const answered = await startCall(env, alice, bob, { key: 'answered-start-01' });
    const { id } = (await answered.json()).call;
    await act(env, bob, id, 'accept');
    await act(env, bob, id, 'end');
    env.line.reset();

    for (const [callee, key, status] of [
      [carol, 'crashed-missed-01', 'missed'],
      [bob, 'answered-start-01', 'ended'],
    ] as const) {
      const replay = await startCall(env, alice, callee, { key });
      expect(replay.status).toBe(200);
      expect((await replay.json()).call.status).toBe(status);
      expect(ringPushes(callee.userId)).toHaveLength(0);
    }
  });

  test('starts arriving together with one key make one call, and every answer is that call', async () => {
    const { alice, carol } = env.users;
    const answers = await togetherAtTheStartLock(
      alice,
      Array.from({ length: 4 }, () => async () => {
        const response = await startCall(env, alice, carol, { key: 'one-key-at-once' });
        return { status: response.status, id: (await response.json()).call?.id };
      }),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(ringPushes(carol.userId)).toHaveLength(1);
  });
});
