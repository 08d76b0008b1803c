/**
 * The `agent-ring-timeout` job, 60 s after an agent call started, as its answer and the callee's
 * LINE show it: a LINE call still ringing is missed and its callee told once, with "Call me in
 * 5 min" while retries are left; a call answered or already timed out is left as it is; a job
 * for a call that does not exist is acknowledged.
 */
import { expect, test } from 'vitest';
import { agentRoomEvent, callMeNow } from '../support/agent-calls';
import { deliverJob } from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

const ringTimeout = (sid: string) => deliverJob(env, 'agent-ring-timeout', { sid });

async function ringingCall(tag: string) {
  const [user] = await syntheticUsers(env, tag, 1);
  const { sid } = (await (await callMeNow(env, user!)).json()).agentCall;
  return { user: user!, sid: sid as string };
}

const missedNotices = (userId: string) =>
  env.line.pushes(userId).filter((push) => JSON.stringify(push.messages).includes('missed a call'));

test('a LINE call still ringing: missed, and one notice offering a call in 5 min, however often the job comes', async () => {
  const { user, sid } = await ringingCall('timeout-missed');
  const lookups = env.livekit.calls('GetParticipant').length;
  for (let delivery = 0; delivery < 2; delivery++) {
    expect(await ringTimeout(sid)).toEqual({ status: 200, body: { done: true, status: 'missed' } });
  }
  const [notice, ...more] = missedNotices(user.userId);
  expect(more).toHaveLength(0);
  const [message] = notice!.messages as { template: { actions: { label: string }[] } }[];
  expect(message!.template.actions.map((action) => action.label)).toEqual(['Call me in 5 min']);
  // Only a phone's SIP participant is looked up at LiveKit.
  expect(env.livekit.calls('GetParticipant')).toHaveLength(lookups);
  const { rows } = await env.db.query(
    `SELECT source, event_id, to_status FROM agent_call_events WHERE sid = $1 AND type = 'ring-timeout'`,
    [sid],
  );
  expect(rows).toEqual([
    { source: 'qstash', event_id: `agent-ring-timeout_${sid}`, to_status: 'missed' },
  ]);
});

test('a call the callee answered: left answered, nobody told', async () => {
  const { user, sid } = await ringingCall('timeout-answered');
  await agentRoomEvent(env, 'participant_joined', sid, user);
  expect(await ringTimeout(sid)).toEqual({ status: 200, body: { done: true, status: 'answered' } });
  expect(missedNotices(user.userId)).toHaveLength(0);
});

test('a job for an agent call that does not exist is acknowledged', async () => {
  expect(await ringTimeout('ac_no_such_session')).toEqual({
    status: 200,
    body: { done: true, status: 'no such session' },
  });
});
