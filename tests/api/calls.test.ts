import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  act,
  livekitEvent,
  sendLivekitWebhook,
  signIn,
  startCall,
  startedCallId,
  statusOf,
} from '../support/calls';
import { startTestEnvironment, type TestEnvironment } from '../support/test-environment';

let env: TestEnvironment;
beforeAll(async () => {
  env = await startTestEnvironment();
  const { alice, bob, carol } = env.users;
  await signIn(env, alice, bob, carol);
});
afterAll(() => env?.close());
beforeEach(async () => {
  // Every test starts with no live call (pairs are free) and no starts this hour.
  await env.db.query(`UPDATE calls SET created_at = created_at - interval '2 hours',
    status = CASE WHEN status IN ('initiated', 'ringing', 'accepted', 'connected') THEN 'ended'
             ELSE status END`);
  env.line.reset();
});

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

describe('answering, declining, ending', () => {
  test('the callee accepts; both join; the call is connected, then ended with its duration', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    expect((await act(env, alice, id, 'accept')).status).toBe(403);
    const accepted = await act(env, bob, id, 'accept');
    expect((await accepted.json()).call).toMatchObject({ status: 'accepted', role: 'callee' });

    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, alice));
    expect(await statusOf(env, id)).toBe('accepted');
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, bob));
    expect(await statusOf(env, id)).toBe('connected');

    const ended = await act(env, alice, id, 'end');
    expect((await ended.json()).call).toMatchObject({
      status: 'ended',
      endReason: 'caller hung up',
    });
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(`call-${id}`);
    // The room closing afterwards changes nothing: whichever end comes first wins.
    await sendLivekitWebhook(env, await livekitEvent(env, 'room_finished', id));
    const { rows } = await env.db.query(
      'SELECT status, end_reason, duration_seconds FROM calls WHERE id = $1',
      [id],
    );
    expect(rows[0]).toMatchObject({ status: 'ended', end_reason: 'caller hung up' });
    expect(rows[0].duration_seconds).toBeGreaterThanOrEqual(0);
  });

  test('a refused action answers 409 with the current state', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'decline');
    const late = await act(env, bob, id, 'accept');
    expect(late.status).toBe(409);
    expect((await late.json()).error).toMatchObject({ code: 'invalid_state', status: 'declined' });
  });

  test('only the parties see or touch a call', async () => {
    const { alice, bob, carol } = env.users;
    const id = await startedCallId(env, alice, bob);
    expect((await env.api(`/api/calls/${id}`, { as: carol })).status).toBe(403);
    expect((await act(env, carol, id, 'end')).status).toBe(403);
    expect((await env.api(`/api/calls/not-a-call`, { as: alice })).status).toBe(404);
    expect((await act(env, alice, id, 'explode')).status).toBe(400);
  });

  test('the caller cancels while it rings', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    expect((await act(env, bob, id, 'cancel')).status).toBe(403);
    expect((await (await act(env, alice, id, 'cancel')).json()).call.status).toBe('canceled');
  });

  test('Decline in the LINE message declines, once, and only for the callee', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    const data = `action=decline-call&call=${id}`;
    expect((await env.line.postback(alice.userId, data)).status).toBe(200);
    expect(await statusOf(env, id)).toBe('ringing');
    const tap = await env.line.postback(bob.userId, data);
    expect(tap.status).toBe(200);
    expect(await statusOf(env, id)).toBe('declined');
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(`call-${id}`);
  });

  test('a LINE webhook with a bad signature is refused and changes nothing', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    const response = await fetch(`${env.url}/api/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': 'bm90LWEtc2lnbmF0dXJl' },
      body: JSON.stringify({
        events: [
          {
            type: 'postback',
            webhookEventId: 'forged',
            timestamp: Date.now(),
            source: { type: 'user', userId: bob.userId },
            postback: { data: `action=decline-call&call=${id}` },
          },
        ],
      }),
    });
    expect(response.status).toBe(401);
    expect(await statusOf(env, id)).toBe('ringing');
  });
});

describe('call room tokens', () => {
  const tokenFor = async (user: typeof env.users.alice, room: string) => {
    const response = await env.api('/api/token', { as: user, body: { room } });
    return {
      status: response.status,
      grant: response.ok ? decodeJwt((await response.json()).token).video : undefined,
    };
  };

  test('caller joins at once; the callee listens hidden until accepting; others never', async () => {
    const { alice, bob, carol } = env.users;
    const id = await startedCallId(env, alice, bob);
    const room = `call-${id}`;
    expect((await tokenFor(alice, room)).grant).toMatchObject({ room, canPublish: true });
    const callerToken = await env.api('/api/token', { as: alice, body: { room } });
    expect(decodeJwt((await callerToken.json()).token).roomConfig).toMatchObject({
      departureTimeout: 30,
    });
    expect((await tokenFor(bob, room)).grant).toMatchObject({
      room,
      hidden: true,
      canPublish: false,
      canSubscribe: false,
    });
    expect((await tokenFor(carol, room)).status).toBe(403);
    await act(env, bob, id, 'accept');
    expect((await tokenFor(bob, room)).grant).toMatchObject({
      room,
      canPublish: true,
      hidden: false,
    });
    await act(env, bob, id, 'end');
    expect((await tokenFor(alice, room)).status).toBe(403);
  });

  test('an audio call publishes the microphone only', async () => {
    const { alice, bob } = env.users;
    const response = await startCall(env, alice, bob, { media: 'audio' });
    const { call } = await response.json();
    const { grant } = await tokenFor(alice, call.room);
    expect(grant).toMatchObject({ canPublishSources: ['microphone'] });
  });
});

describe('LiveKit webhooks', () => {
  test('a missing or wrong signature is refused before anything is written', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    const delivery = await livekitEvent(env, 'participant_left', id, alice, {
      id: 'EV_forged',
    });
    const unsigned = await sendLivekitWebhook(env, { body: delivery.body, authorization: '' });
    const tampered = await sendLivekitWebhook(env, {
      body: delivery.body.replace('participant_left', 'room_finished'),
      authorization: delivery.authorization,
    });
    expect([unsigned.status, tampered.status]).toEqual([401, 401]);
    const { rows } = await env.db.query(`SELECT 1 FROM call_events WHERE event_id = 'EV_forged'`);
    expect(rows).toHaveLength(0);
    expect(await statusOf(env, id)).toBe('ringing');
  });

  test('each event sent 3 times in shuffled order ends the same, one audit row per event', async () => {
    const { alice, bob } = env.users;
    for (let round = 0; round < 3; round++) {
      const id = await startedCallId(env, alice, bob);
      await act(env, bob, id, 'accept');
      const events = await Promise.all([
        livekitEvent(env, 'participant_joined', id, alice),
        livekitEvent(env, 'participant_joined', id, bob),
        livekitEvent(env, 'participant_left', id, bob),
        livekitEvent(env, 'room_finished', id),
      ]);
      const deliveries = shuffle([...events, ...events, ...events]);
      for (const delivery of deliveries) {
        expect((await sendLivekitWebhook(env, delivery)).status).toBe(200);
      }
      expect(await statusOf(env, id)).toBe('ended');
      const { rows } = await env.db.query(
        `SELECT count(*)::int AS n FROM call_events WHERE call_id = $1 AND source = 'livekit'`,
        [id],
      );
      expect(rows[0].n).toBe(4);
    }
  });

  test('a leave delivered after the same party re-joined does not end the call', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'accept');
    const t = Math.floor(Date.now() / 1000);
    const send = async (...args: Parameters<typeof livekitEvent>) =>
      sendLivekitWebhook(env, await livekitEvent(...args));
    await send(env, 'participant_joined', id, alice, { createdAt: t });
    await send(env, 'participant_joined', id, bob, { createdAt: t });
    // Bob's connection dropped and he re-joined at t+10; the old session's leave (t+5) comes last.
    await send(env, 'participant_joined', id, bob, { createdAt: t + 10 });
    await send(env, 'participant_left', id, bob, { createdAt: t + 5 });
    expect(await statusOf(env, id)).toBe('connected');
    await send(env, 'participant_left', id, bob, { createdAt: t + 20 });
    expect(await statusOf(env, id)).toBe('ended');
  });

  test('a party LiveKit gave up on (not back within 30 s) fails the call with the reason', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'accept');
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, alice));
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, bob));
    const signalClosed = 9; // DisconnectReason.SIGNAL_CLOSE
    await sendLivekitWebhook(
      env,
      await livekitEvent(env, 'participant_left', id, bob, {
        disconnectReason: signalClosed,
      }),
    );
    const { rows } = await env.db.query('SELECT status, end_reason FROM calls WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ status: 'failed', end_reason: 'callee lost the connection' });
  });

  test('the callee hidden while ringing is not a party in the room', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await sendLivekitWebhook(
      env,
      await livekitEvent(env, 'participant_left', id, bob, { hidden: true }),
    );
    expect(await statusOf(env, id)).toBe('ringing');
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_left', id, alice));
    expect(await statusOf(env, id)).toBe('canceled');
  });

  test('events of rooms that are not calls are acknowledged', async () => {
    const delivery = await env.livekit.signWebhook({
      event: 'room_finished',
      id: 'EV_conf',
      createdAt: 1n,
      room: { name: 'conf-jp' },
    });
    const response = await sendLivekitWebhook(env, delivery);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, handled: false });
  });
});

describe('the 60 s ring time-out', () => {
  test('a call still ringing is missed: the room closes and each party hears of it once', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await env.qstash.advance(59);
    expect(await statusOf(env, id)).toBe('ringing');
    env.qstash.duplicateNextDelivery();
    await env.qstash.advance(1);
    expect(await statusOf(env, id)).toBe('missed');
    const missedTo = (userId: string) =>
      env.line.pushes(userId).filter((push) => push.messages[0]?.type === 'template');
    expect(missedTo(bob.userId)).toHaveLength(1);
    expect(missedTo(alice.userId)).toHaveLength(1);
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(`call-${id}`);
    const accept = await act(env, bob, id, 'accept');
    expect(accept.status).toBe(409);
  });

  test('a time-out for a call already answered changes nothing', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'accept');
    await env.qstash.advance(60);
    expect(await statusOf(env, id)).toBe('accepted');
    const [job] = env.qstash.messages().filter((m) => m.body.includes(id));
    expect(job!.state).toBe('delivered');
  });

  test('LINE failing the missed-call push: QStash retries and it is sent once', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    // Both pushes (callee's and caller's) fail all three of their attempts.
    env.line.failNextPushes({ status: 500, count: 6 });
    await env.qstash.advance(60);
    expect(await statusOf(env, id)).toBe('missed');
    const [job] = env.qstash.messages().filter((m) => m.body.includes(id));
    expect(job).toMatchObject({ state: 'failed', dueAt: expect.any(Number) }); // retry pending
    await env.qstash.advance(60);
    expect(env.qstash.messages().filter((m) => m.body.includes(id))[0]!.state).toBe('delivered');
    const missed = env.line.pushes().filter((p) => p.messages[0]?.type === 'template');
    expect(missed.filter((p) => p.to === bob.userId)).toHaveLength(1);
    expect(missed.filter((p) => p.to === alice.userId)).toHaveLength(1);
  });

  test('a job whose signature does not verify is refused', async () => {
    const response = await fetch(`${env.url}/api/jobs/ring-timeout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'upstash-signature': 'forged' },
      body: JSON.stringify({ callId: '0f8fad5b-d9cb-469f-a165-70867728950e' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('history', () => {
  test('lists my calls with the other party, newest first', async () => {
    const { alice, carol } = env.users;
    const id = await startedCallId(env, carol, alice);
    await act(env, carol, id, 'cancel');
    const response = await env.api('/api/calls', { as: alice });
    const { calls, me } = await response.json();
    expect(calls[0]).toMatchObject({
      id,
      status: 'canceled',
      role: 'callee',
      other: { contactId: await env.contactIdOf(carol), displayName: 'Carol' },
    });
    // Alice's own contact id, for her invite link.
    expect(me).toEqual({ contactId: await env.contactIdOf(alice) });
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

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
