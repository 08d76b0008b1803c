/**
 * LINE follow/unfollow (docs/decisions.md#who-can-be-rung): the newest event by LINE's timestamp
 * wins, a redelivery of the same webhookEventId changes nothing, events older than a day are
 * ignored, and an unfollow from someone not yet in `users` is remembered for when they sign in.
 */
import { expect, test } from 'vitest';
import { signIn, startCall } from '../support/calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment({ signIn: ['alice'] });

const event = (type: 'follow' | 'unfollow', userId: string, timestamp: number, id?: string) => ({
  type,
  source: { type: 'user', userId },
  timestamp,
  ...(id ? { webhookEventId: id } : {}),
});
const canReceivePush = async (userId: string) =>
  (await env.db.query('SELECT can_receive_push FROM users WHERE line_user_id = $1', [userId]))
    .rows[0]?.can_receive_push;

test('an hour-old unfollow redelivered after a newer follow changes nothing', async () => {
  const [user] = await syntheticUsers(env, 'follow-order', 1);
  const now = Date.now();
  await env.line.deliverWebhook([event('follow', user!.userId, now - 1000)]);
  await env.line.deliverWebhook([event('unfollow', user!.userId, now - 60 * 60 * 1000)]);
  expect(await canReceivePush(user!.userId)).toBe(true);
  await env.line.deliverWebhook([event('unfollow', user!.userId, now)]);
  expect(await canReceivePush(user!.userId)).toBe(false);
});

test('a redelivered event (same webhookEventId) does not undo a newer one', async () => {
  const [user] = await syntheticUsers(env, 'follow-dedupe', 1);
  const now = Date.now();
  const unfollow = event('unfollow', user!.userId, now - 5000, '01JDUPLICATEDUNFOLLOW00000');
  await env.line.deliverWebhook([unfollow]);
  await env.line.deliverWebhook([event('follow', user!.userId, now)]);
  await env.line.deliverWebhook([unfollow]);
  expect(await canReceivePush(user!.userId)).toBe(true);
});

test('a 180-day-old unfollow is ignored', async () => {
  const [user] = await syntheticUsers(env, 'follow-old', 1);
  await env.line.deliverWebhook([
    event('unfollow', user!.userId, Date.now() - 180 * 24 * 60 * 60 * 1000),
  ]);
  expect(await canReceivePush(user!.userId)).toBe(true);
});

test('an unfollow from someone not yet in users holds once they sign in: they cannot be rung', async () => {
  const { alice } = env.users;
  const newcomer = { ...alice, userId: `U${'5'.repeat(32)}`, displayName: 'Newcomer' };
  await env.line.deliverWebhook([event('unfollow', newcomer.userId, Date.now())]);
  await signIn(env, newcomer);
  expect(await canReceivePush(newcomer.userId)).toBe(false);
  expect((await startCall(env, alice, newcomer)).status).toBe(404);
  expect(env.line.pushes(newcomer.userId)).toHaveLength(0);
});
