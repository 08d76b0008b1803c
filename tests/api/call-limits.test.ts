/**
 * What a caller may start (docs/decisions.md#rate-limits): exactly ten counted starts an hour,
 * checked before the callee is looked up; one answer for everyone who cannot be rung; an
 * Idempotency-Key bound to one call, whose replay finishes a start that crashed before ringing.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { act, clearEarlierCalls, signIn, startCall } from '../support/calls';
import { API_KEY, dispatchWithApiKey } from '../support/agent-calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({
  signIn: ['alice', 'bob', 'carol'],
  env: { AGENT_API_KEY: API_KEY },
});
beforeEach(() => clearEarlierCalls(env));

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
});

describe('who can be rung', () => {
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
});
