/**
 * LiveKit's webhooks for a 1:1 call's room: verified before anything is written, idempotent in
 * any order, and read for who is a party and why they left.
 */
import { describe, expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, startedCallId, statusOf } from '../support/calls';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment();

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

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
