/**
 * What the LINE webhook answers (api/webhooks/line.ts): how many of the events it acted on, with
 * those that do not apply (a group's event, an unknown button, an old follow, a tap on someone
 * else's call) acknowledged so LINE never redelivers them; a dependency down answers 5xx so LINE
 * does. A body that is not signed, not a webhook, or arrives with no channel secret set is refused
 * with its code.
 */
import { expect, test } from 'vitest';
import { callMeNow } from '../support/agent-calls';
import { startedCallId } from '../support/calls';
import { lineSignature, postLineWebhook } from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';
import { withEnvironment } from '../support/process-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

async function answerTo(events: object[]) {
  const response = await env.line.deliverWebhook(events as never);
  return { status: response.status, body: await response.json() };
}

const postback = (userId: string, data: string) => ({
  type: 'postback',
  postback: { data },
  source: { type: 'user', userId },
});

test('counts the events it acted on; the rest are acknowledged', async () => {
  const { alice, bob, carol } = env.users;
  const id = await startedCallId(env, alice, bob);
  const now = Date.now();
  expect(
    await answerTo([
      postback(bob.userId, `action=decline-call&call=${id}`),
      postback(carol.userId, `action=decline-call&call=${id}`), // not her call
      postback(bob.userId, 'action=open-the-pod-bay-doors'),
      { type: 'follow', source: { type: 'group', groupId: 'Cgroup' }, timestamp: now },
      { type: 'follow', source: { type: 'user', userId: carol.userId }, timestamp: now },
      { type: 'unfollow', source: { type: 'user', userId: carol.userId }, timestamp: now - 2e9 },
      { type: 'follow', source: { type: 'user', userId: `x${carol.userId}` }, timestamp: now },
      { type: 'follow', source: { type: 'user', userId: `${carol.userId}0` }, timestamp: now },
      { type: 'message', source: { type: 'user', userId: carol.userId }, timestamp: now },
    ]),
  ).toEqual({ status: 200, body: { ok: true, handled: 2 } });
});

test('"Not now" and "Call me again" taps count as acted on', async () => {
  const [ringing, missed] = await syntheticUsers(env, 'line-answers-agent', 2);
  const sidOf = async (user: typeof ringing) =>
    (await (await callMeNow(env, user!)).json()).agentCall.sid as string;
  const ringingSid = await sidOf(ringing);
  const missedSid = await sidOf(missed);
  await env.db.query(`UPDATE agent_call_sessions SET status = 'missed' WHERE sid = $1`, [
    missedSid,
  ]);
  expect(
    await answerTo([
      postback(ringing!.userId, `action=agent-not-now&sid=${ringingSid}`),
      postback(missed!.userId, `action=agent-retry&sid=${missedSid}`),
    ]),
  ).toEqual({ status: 200, body: { ok: true, handled: 2 } });
});

test('QStash unreachable while a "Call me again" is scheduled: 5xx, so LINE delivers it again', async () => {
  const [user] = await syntheticUsers(env, 'line-answers-qstash-down', 1);
  const { sid } = (await (await callMeNow(env, user!)).json()).agentCall;
  await env.qstash.advance(60);
  const answer = await withEnvironment({ QSTASH_URL: 'http://127.0.0.1:9' }, () =>
    answerTo([postback(user!.userId, `action=agent-retry&sid=${sid}`)]),
  );
  expect(answer.status).toBe(503);
  expect(answer.body.error.code).toBe('scheduler_unavailable');
});

test.each([
  [
    'a forged signature',
    (body: string) => postLineWebhook(env, body, lineSignature(body, 'x')),
    401,
    'invalid_signature',
  ],
  ['no signature', (body: string) => postLineWebhook(env, body), 401, 'invalid_signature'],
  [
    'a body that is not a webhook',
    (_: string) => postLineWebhook(env, '[]', lineSignature('[]')),
    400,
    'invalid_request',
  ],
])('%s is refused with its code', async (_, send, status, code) => {
  const response = await send(JSON.stringify({ events: [] }));
  expect(response.status).toBe(status);
  expect((await response.json()).error.code).toBe(code);
});

test('with no channel secret set, webhooks are refused as misconfigured', async () => {
  const response = await withEnvironment({ LINE_CHANNEL_SECRET: undefined }, () =>
    postLineWebhook(env, '{"events":[]}', lineSignature('{"events":[]}')),
  );
  expect(response.status).toBe(503);
  expect((await response.json()).error.code).toBe('misconfigured');
});
