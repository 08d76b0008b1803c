/**
 * What LiveKit's events of a `call-<id>` room do to the call, as the webhook answers them: a
 * party's leave ends the call, unless LiveKit gave up on a lost connection (then it failed); the
 * events that say nothing about the parties, and rooms of calls that do not exist, are
 * acknowledged and change nothing; each event is kept in the call's trail with who it was about.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, startedCallId, statusOf } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });
beforeEach(async () => {
  await env.db.query(`UPDATE calls SET created_at = created_at - interval '2 hours',
    status = CASE WHEN status IN ('initiated', 'ringing', 'accepted', 'connected') THEN 'ended'
             ELSE status END`);
});

/** A call Bob accepted and both parties joined. */
async function connectedCall(): Promise<string> {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  await act(env, bob, id, 'accept');
  for (const user of [alice, bob]) {
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, user));
  }
  expect(await statusOf(env, id)).toBe('connected');
  return id;
}

async function answerTo(delivery: { body: string; authorization: string }) {
  const response = await sendLivekitWebhook(env, delivery);
  return { status: response.status, body: await response.json() };
}

// LiveKit's DisconnectReason numbers (livekit_models.proto).
describe("a party's leave, by why LiveKit says they left", () => {
  test.each([
    [1, 'CLIENT_INITIATED', 'ended', 'callee left'],
    [4, 'PARTICIPANT_REMOVED', 'ended', 'callee left'],
    [6, 'STATE_MISMATCH', 'failed', 'callee lost the connection'],
    [7, 'JOIN_FAILURE', 'failed', 'callee lost the connection'],
    [9, 'SIGNAL_CLOSE', 'failed', 'callee lost the connection'],
    [14, 'CONNECTION_TIMEOUT', 'failed', 'callee lost the connection'],
    [15, 'MEDIA_FAILURE', 'failed', 'callee lost the connection'],
  ])('%i (%s): the call is %s, "%s"', async (disconnectReason, _name, status, reason) => {
    const id = await connectedCall();
    const left = await livekitEvent(env, 'participant_left', id, env.users.bob, {
      disconnectReason,
    });
    expect(await answerTo(left)).toEqual({
      status: 200,
      body: { ok: true, handled: true, status },
    });
    const { rows } = await env.db.query('SELECT status, end_reason FROM calls WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ status, end_reason: reason });
  });
});

describe('events that change no call', () => {
  test('an event about tracks, not parties, is acknowledged and ignored', async () => {
    const id = await connectedCall();
    const delivery = await env.livekit.signWebhook({
      event: 'track_published',
      id: 'EV_track_published',
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
      room: { name: `call-${id}` },
      participant: { identity: await env.roomIdentityOf(env.users.bob) },
    });
    expect(await answerTo(delivery)).toEqual({
      status: 200,
      body: { ok: true, handled: false, note: 'ignored track_published' },
    });
    expect(await statusOf(env, id)).toBe('connected');
  });

  test('a leave that names no participant is recorded and refused', async () => {
    const id = await connectedCall();
    const delivery = await env.livekit.signWebhook({
      event: 'participant_left',
      id: `EV_nobody_left_${id}`,
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
      room: { name: `call-${id}` },
    });
    expect(await answerTo(delivery)).toEqual({
      status: 200,
      body: { ok: true, handled: true, status: 'connected' },
    });
  });

  test('an event of a call room whose call does not exist is acknowledged', async () => {
    const delivery = await livekitEvent(
      env,
      'room_finished',
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(await answerTo(delivery)).toEqual({
      status: 200,
      body: { ok: true, handled: false, note: 'unknown call' },
    });
  });
});

describe('who an event is about', () => {
  test('a participant LiveKit sends without permissions is a party like any other', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'accept');
    for (const [user, eventId] of [
      [alice, `EV_alice_${id}`],
      [bob, `EV_bob_${id}`],
    ] as const) {
      const delivery = await env.livekit.signWebhook({
        event: 'participant_joined',
        id: eventId,
        createdAt: BigInt(Math.floor(Date.now() / 1000)),
        room: { name: `call-${id}` },
        participant: { identity: await env.roomIdentityOf(user) },
      });
      expect((await answerTo(delivery)).status).toBe(200);
    }
    expect(await statusOf(env, id)).toBe('connected');

    // The call's trail names the participant of each event by their room identity.
    const { rows } = await env.db.query(
      `SELECT event_id, data->>'identity' AS identity FROM call_events
       WHERE call_id = $1 AND source = 'livekit' ORDER BY event_id`,
      [id],
    );
    expect(rows).toEqual([
      { event_id: `EV_alice_${id}`, identity: await env.roomIdentityOf(alice) },
      { event_id: `EV_bob_${id}`, identity: await env.roomIdentityOf(bob) },
    ]);
  });
});
