/** Who may join a 1:1 call's room, and with what grant, as the call moves on. */
import { decodeJwt } from 'jose';
import { describe, expect, test } from 'vitest';
import { act, startCall, startedCallId } from '../support/calls';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment();

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
