/**
 * What the LiveKit webhook answers for events that reach no call, and for deliveries it refuses:
 * a room that is not a call's (a conference, a name no room has) is acknowledged with why; a
 * field LiveKit adds in a later version does not make a genuine event unreadable; the event time
 * must be one the database can hold; every refusal carries its code.
 */
import { expect, test } from 'vitest';
import { livekitAuthorization, postLivekitWebhook } from '../support/signed-deliveries';
import { startedCallId, statusOf } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });

/** 9999-12-31T23:59:59Z, the last second a timestamptz holds. */
const LATEST_SECONDS = 253_402_300_799;

async function deliver(event: Record<string, unknown>, authorization?: string) {
  const body = JSON.stringify({ id: `EV_${Math.random().toString(36).slice(2)}`, ...event });
  const response = await postLivekitWebhook(
    env,
    body,
    authorization ?? (await livekitAuthorization(body)),
  );
  return { status: response.status, body: await response.json() };
}

test.each([
  ['conf-tokyo', 'conference room'],
  ['lobby', 'unknown room'],
])('an event of room %s is acknowledged: %s', async (name, note) => {
  expect(await deliver({ event: 'room_finished', room: { name }, createdAt: '1' })).toEqual({
    status: 200,
    body: { ok: true, handled: false, note },
  });
});

test('a field this SDK does not know yet is skipped, and the event applies', async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  const answer = await deliver({
    event: 'room_finished',
    room: { name: `call-${id}`, someFutureField: 'x' },
    createdAt: String(Math.floor(Date.now() / 1000)),
    someFutureTopLevelField: { nested: true },
  });
  expect(answer).toEqual({ status: 200, body: { ok: true, handled: true, status: 'canceled' } });
  expect(await statusOf(env, id)).toBe('canceled');
});

test.each([
  [0, 200],
  [LATEST_SECONDS, 200],
  [-1, 400],
  [LATEST_SECONDS + 1, 400],
])('an event time of %i s → %i', async (createdAt, status) => {
  const answer = await deliver({
    event: 'room_finished',
    room: { name: 'conf-times' },
    createdAt: String(createdAt),
  });
  expect(answer.status).toBe(status);
  if (status === 400) expect(answer.body.error.code).toBe('invalid_event');
});

test.each([
  ['forged', async (body: string) => livekitAuthorization(body, { secret: 'not-the-secret' })],
  ['for another body', async () => livekitAuthorization('{}')],
])('a %s signature is refused: invalid_signature', async (_, sign) => {
  const event = { event: 'room_finished', room: { name: 'conf-forged' } };
  const body = JSON.stringify(event);
  const response = await postLivekitWebhook(env, body, await sign(body));
  expect(response.status).toBe(401);
  expect((await response.json()).error.code).toBe('invalid_signature');
});

test('text Postgres cannot store is refused: invalid_text', async () => {
  const answer = await deliver({ event: 'room_finished', room: { name: 'conf-\u0000' } });
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('invalid_text');
});
