/**
 * In LiveKit rooms every participant sees every other's identity, so a user's identity there is
 * an opaque room identity, never their LINE user id (docs/decisions.md#opaque-room-identities).
 * The webhooks still tell which party joined or left, from the identity the party's own token
 * carried.
 */
import { decodeJwt } from 'jose';
import { describe, expect, test } from 'vitest';
import type { DevUser } from '../../dev/dev-users';
import { callMeNow, agentRoomEvent } from '../support/agent-calls';
import { act, livekitEvent, sendLivekitWebhook, startedCallId, statusOf } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

const lineIds = () => Object.values(env.users).map((user) => user.userId);

/** What LiveKit will show the room of `user`, read from the token the app gets. */
async function joinAs(user: DevUser, room: string) {
  const response = await env.api('/api/token', { as: user, body: { room } });
  expect(response.status).toBe(200);
  const body = await response.json();
  const claims = decodeJwt(body.token);
  expect(claims.sub).toBe(body.identity);
  return { identity: body.identity as string, name: claims.name };
}

function expectNoLineId(identity: string) {
  for (const lineId of lineIds()) {
    expect(identity.toLowerCase()).not.toContain(lineId.toLowerCase());
    expect(identity.toLowerCase()).not.toContain(lineId.slice(1).toLowerCase());
  }
  expect(identity).not.toMatch(/U[0-9a-f]{32}/);
}

describe('who a user is in a room', () => {
  test('in a conference, everyone sees the others by an opaque identity and their display name', async () => {
    const joined = await Promise.all(
      Object.values(env.users).map((user) => joinAs(user, 'conf-identities')),
    );
    for (const { identity } of joined) expectNoLineId(identity);
    expect(new Set(joined.map((j) => j.identity)).size).toBe(joined.length);
    expect(joined.map((j) => j.name)).toEqual(['Alice', 'Bob', 'Carol']);
  });

  test('one identity per user, the same in every room and every time', async () => {
    const { alice, bob } = env.users;
    const first = await joinAs(alice, 'conf-jp');
    const id = await startedCallId(env, alice, bob);
    expect(await joinAs(alice, `call-${id}`)).toEqual(first);
    expect(await joinAs(alice, 'conf-kr')).toEqual(first);
    expect((await act(env, alice, id, 'cancel')).status).toBe(200);
  });
});

describe('the webhooks recognise a party by the identity of their token', () => {
  test('a 1:1 call connects when both join as their tokens say, and ends when one leaves', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'accept');
    for (const user of [alice, bob]) {
      const { identity } = await joinAs(user, `call-${id}`);
      await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, identity));
    }
    expect(await statusOf(env, id)).toBe('connected');
    const { identity } = await joinAs(bob, `call-${id}`);
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_left', id, identity));
    expect(await statusOf(env, id)).toBe('ended');
  });

  test('a participant named by a LINE id is nobody in the room', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'accept');
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, alice));
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, bob.userId));
    expect(await statusOf(env, id)).toBe('accepted');
    expect((await act(env, bob, id, 'end')).status).toBe(200);
  });

  test('an agent call is answered when its callee joins as their token says', async () => {
    const { carol } = env.users;
    const { agentCall } = await (await callMeNow(env, carol)).json();
    const { identity } = await joinAs(carol, agentCall.room);
    expectNoLineId(identity);
    await agentRoomEvent(env, 'participant_joined', agentCall.sid, identity);
    const view = await (await env.api(`/api/agent-calls/${agentCall.sid}`, { as: carol })).json();
    expect(view.agentCall.status).toBe('answered');
  });
});
