/**
 * What the parties do to a 1:1 call once it rings: accept, decline (in the app or from the LINE
 * message), cancel, end; who may; and the History that lists it.
 */
import { describe, expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, startedCallId, statusOf } from '../support/calls';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment();

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
