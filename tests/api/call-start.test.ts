/**
 * Starting a 1:1 call: one ring through LINE and its time-out, one call per Idempotency-Key and per
 * pair, who cannot be rung, LINE failing while it rings, and the hourly limit.
 */
import { describe, expect, test } from 'vitest';
import { act, startCall, startedCallId } from '../support/calls';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment();

const ringPushesTo = (userId: string) =>
  env.line.pushes(userId).filter((push) => push.messages[0]?.type === 'flex');

describe('starting a call', () => {
  test('rings the callee once through LINE and schedules the 60 s time-out', async () => {
    const { alice, bob } = env.users;
    const response = await startCall(env, alice, bob, { media: 'audio' });
    expect(response.status).toBe(201);
    const { call } = await response.json();
    expect(call).toMatchObject({
      status: 'ringing',
      media: 'audio',
      role: 'caller',
      room: `call-${call.id}`,
      other: { contactId: await env.contactIdOf(bob), displayName: 'Bob' },
    });

    const pushes = env.line.pushes(bob.userId);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    const flex = JSON.stringify(pushes[0]!.messages);
    expect(flex).toContain(`/call/${call.id}?autoAccept=1`);
    expect(flex).toContain(`action=decline-call&call=${call.id}`);
    // Bob's LINE is in Japanese (he signed in with ja): the ring speaks it.
    expect(flex).toContain('音声通話');

    const [job] = env.qstash
      .messages({ url: `${env.url}/api/jobs/ring-timeout` })
      .filter((m) => m.body.includes(call.id));
    expect(job).toMatchObject({ state: 'scheduled', deduplicationId: `ring-timeout_${call.id}` });
    expect((job!.dueAt! - job!.createdAt) / 1000).toBe(60);
  });

  test('the same Idempotency-Key returns the same call and never rings twice', async () => {
    const { alice, bob } = env.users;
    const first = await startCall(env, alice, bob, { key: 'same-key-0001' });
    const second = await startCall(env, alice, bob, { key: 'same-key-0001' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect((await second.json()).call.id).toBe((await first.json()).call.id);
    expect(ringPushesTo(bob.userId)).toHaveLength(1);
  });

  test('a pair with a live call gets 409 with that call, whichever way round', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    const again = await startCall(env, bob, alice);
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.error).toMatchObject({ code: 'call_in_progress', call: { id } });
  });

  test('simultaneous starts for one pair make exactly one call', async () => {
    const { alice, carol } = env.users;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        startCall(env, i % 2 ? alice : carol, i % 2 ? carol : alice),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(7);
  });

  test.each([
    ['yourself', () => env.contactIdOf(env.users.alice), 400, 'cannot_call_self'],
    ['a contact id no one has', async () => 'A'.repeat(22), 404, 'unknown_user'],
    ['something that is not a contact id', async () => 'bob', 400, 'invalid_request'],
  ])('calling %s is refused', async (_what, calleeContactId, status, code) => {
    const response = await env.api('/api/calls', {
      as: env.users.alice,
      body: { calleeContactId: await calleeContactId(), media: 'video' },
      headers: { 'idempotency-key': `key-${Math.random()}` },
    });
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  test('someone who blocked the LINE account (unfollow) cannot be rung until they follow again', async () => {
    const { alice, carol } = env.users;
    const event = (type: 'follow' | 'unfollow') => ({
      type,
      source: { type: 'user' as const, userId: carol.userId },
    });
    expect((await env.line.deliverWebhook([event('unfollow')])).status).toBe(200);
    const refused = await startCall(env, alice, carol);
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe('unknown_user');
    expect(env.line.pushes(carol.userId)).toHaveLength(0);
    await env.line.deliverWebhook([event('follow')]);
    expect((await startCall(env, alice, carol)).status).toBe(201);
  });

  test('without an Idempotency-Key → 400', async () => {
    const response = await env.api('/api/calls', {
      as: env.users.alice,
      body: { calleeContactId: await env.contactIdOf(env.users.bob), media: 'video' },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('idempotency_key_required');
  });

  test('LINE answering 429 and 500 is retried with the same key: one ring', async () => {
    const { alice, bob } = env.users;
    env.line.failNextPushes({ status: 429, count: 1 });
    env.line.failNextPushes({ status: 500, count: 1, accepted: false });
    expect((await startCall(env, alice, bob)).status).toBe(201);
    expect(ringPushesTo(bob.userId)).toHaveLength(1);
  });

  test('LINE accepting a push whose answer is lost: the retry gets 409 and it still rings once', async () => {
    const { alice, bob } = env.users;
    env.line.failNextPushes({ status: 500, accepted: true });
    expect((await startCall(env, alice, bob)).status).toBe(201);
    expect(ringPushesTo(bob.userId)).toHaveLength(1);
  });

  test('LINE down: 503, and the call is failed rather than left ringing', async () => {
    const { alice, bob } = env.users;
    env.line.failNextPushes({ status: 500, count: 3 });
    const response = await startCall(env, alice, bob);
    expect(response.status).toBe(503);
    const { rows } = await env.db.query(
      `SELECT status, end_reason FROM calls WHERE caller_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [alice.userId],
    );
    expect(rows[0]).toEqual({ status: 'failed', end_reason: 'could not ring the callee' });
  });
});

describe('the hourly limit', () => {
  test('the 11th start within an hour → 429', async () => {
    const { carol, bob } = env.users;
    for (let i = 0; i < 10; i++) {
      const response = await startCall(env, carol, bob);
      if (response.status === 201) await act(env, carol, (await response.json()).call.id, 'cancel');
      else if (response.status === 429) break;
    }
    const response = await startCall(env, carol, bob);
    expect(response.status).toBe(429);
    expect((await response.json()).error.code).toBe('too_many_calls');
  });
});
