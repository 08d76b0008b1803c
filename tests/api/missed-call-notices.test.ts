/**
 * The "missed call" LINE notices of 1:1 calls: a call the callee never answered tells each party
 * once, in their language, with a "Call back" link to the other; a caller's cancel tells the
 * callee alone; anything else tells no one. The callee's notice has one LINE retry key per call,
 * whichever path sends it, so the cancel's and the time-out's can never both arrive.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { retryKeyFor } from '../../api/_lib/line/push';
import type { DevUser } from '../../dev/dev-users';
import { act, startedCallId, statusOf } from '../support/calls';
import { deliverJob } from '../support/signed-deliveries';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });
beforeEach(async () => {
  // The pair is free again: a call of an earlier test that is still live has ended.
  await env.db.query(`UPDATE calls SET status = 'ended'
    WHERE status IN ('initiated', 'ringing', 'accepted', 'connected')`);
  env.line.reset();
});

const missedTo = (user: DevUser) =>
  env.line.pushes(user.userId).filter((push) => push.messages[0]?.type === 'template');

/** What a notice says and where its one button leads, as the recipient sees it. */
function noticeOf(push: { messages: unknown[] } | undefined) {
  const [message] = (push?.messages ?? []) as {
    template: { text: string; actions: { label: string; uri: string }[] };
  }[];
  const [button] = message!.template.actions;
  return {
    text: message!.template.text,
    button: button!.label,
    callBack: new URL(button!.uri).searchParams.get('callBack'),
  };
}

const ringTimeoutJob = (callId: string) => deliverJob(env, 'ring-timeout', { callId });

describe('a call nobody answered within 60 s', () => {
  test('each party is told once, in their language, with a link to call the other back', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await env.qstash.advance(60);
    expect(await statusOf(env, id)).toBe('missed');

    const [toBob, ...moreToBob] = missedTo(bob);
    const [toAlice, ...moreToAlice] = missedTo(alice);
    expect([moreToBob, moreToAlice]).toEqual([[], []]);
    // Bob's LINE is in Japanese, Alice's in English.
    expect(noticeOf(toBob)).toEqual({
      text: 'Aliceさんからの不在着信があります。',
      button: '折り返す',
      callBack: await env.contactIdOf(alice),
    });
    expect(noticeOf(toAlice)).toEqual({
      text: "Bob didn't answer.",
      button: 'Call back',
      callBack: await env.contactIdOf(bob),
    });
    expect(toBob!.retryKey).toBe(retryKeyFor('missed', id, 'callee'));
    expect(toAlice!.retryKey).toBe(retryKeyFor('missed', id, 'caller'));
  });

  test('a time-out delivered again after the notices went out sends nothing more', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    const missed = { status: 200, body: { done: true, status: 'missed' } };
    expect(await ringTimeoutJob(id)).toEqual(missed);
    expect(missedTo(bob)).toHaveLength(1);
    expect(missedTo(alice)).toHaveLength(1);
    // A day later LINE has forgotten the retry keys: the call itself remembers.
    env.line.reset();
    expect(await ringTimeoutJob(id)).toEqual(missed);
    expect(env.line.pushes()).toEqual([]);
  });

  test('a time-out for a call that is no more is acknowledged, not retried', async () => {
    expect(await ringTimeoutJob('0f8fad5b-d9cb-469f-a165-70867728950e')).toEqual({
      status: 200,
      body: { done: true, skipped: 'no such call' },
    });
  });
});

describe('a call that was answered or refused', () => {
  test.each([
    ['accepted', bobAccepts],
    ['declined', bobDeclines],
  ])('%s: its time-out tells no one', async (status, answer) => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await answer(id);
    expect(await ringTimeoutJob(id)).toEqual({ status: 200, body: { done: true, status } });
    expect(missedTo(bob)).toHaveLength(0);
    expect(missedTo(alice)).toHaveLength(0);
  });

  async function bobAccepts(id: string) {
    expect((await act(env, env.users.bob, id, 'accept')).status).toBe(200);
  }
  async function bobDeclines(id: string) {
    expect((await act(env, env.users.bob, id, 'decline')).status).toBe(200);
  }
});

describe('a call the caller canceled while it rang', () => {
  test('is a missed call to the callee, under the key the time-out would use', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    expect((await act(env, alice, id, 'cancel')).status).toBe(200);
    const [toBob] = missedTo(bob);
    expect(noticeOf(toBob)).toEqual({
      text: 'Aliceさんからの不在着信があります。',
      button: '折り返す',
      callBack: await env.contactIdOf(alice),
    });
    expect(toBob!.retryKey).toBe(retryKeyFor('missed', id, 'callee'));
    expect(missedTo(alice)).toHaveLength(0);
  });

  test('stands when LINE is down: the notice is dropped, the cancel is not', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    env.line.failNextPushes({ status: 500, count: 3 });
    const cancel = await act(env, alice, id, 'cancel');
    expect(cancel.status).toBe(200);
    expect((await cancel.json()).call.status).toBe('canceled');
    expect(missedTo(bob)).toHaveLength(0);
  });
});
