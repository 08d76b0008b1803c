/** The caller cancels while it rings: the callee gets "You missed a call from Alice", once. */
import { expect, test } from 'vitest';
import { act, startedCallId, statusOf } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });

const missedTo = (userId: string) =>
  env.line.pushes(userId).filter((push) => push.messages[0]?.type === 'template');

test('a canceled call is a missed call from the caller to the callee, and the time-out adds none', async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  expect((await act(env, alice, id, 'cancel')).status).toBe(200);
  expect(await statusOf(env, id)).toBe('canceled');

  const [push] = missedTo(bob.userId);
  expect(JSON.stringify(push?.messages)).toContain('Alice');
  expect(missedTo(alice.userId)).toHaveLength(0);

  // A second cancel is refused; the ring time-out finds the call canceled: still one message.
  expect((await act(env, alice, id, 'cancel')).status).toBe(409);
  await env.qstash.advance(60);
  expect(missedTo(bob.userId)).toHaveLength(1);
});

// Only a cancel is a missed call: an answered, refused or finished call sends the callee nothing
// more than the ring (found by mutation testing: nothing held `action === 'cancel'`).
test.each([
  ['declined', ['decline']],
  ['accepted, then ended', ['accept', 'end']],
] as const)('a call %s sends no missed-call message to anyone', async (_, actions) => {
  const { alice, bob } = env.users;
  env.line.reset();
  const id = await startedCallId(env, alice, bob);
  for (const action of actions) {
    const by = action === 'end' ? alice : bob;
    expect((await act(env, by, id, action)).status).toBe(200);
  }
  expect(missedTo(bob.userId)).toHaveLength(0);
  expect(missedTo(alice.userId)).toHaveLength(0);
});
