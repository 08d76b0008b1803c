/**
 * Jobs by name: QStash delivers each job to /api/jobs/<its name>, and the name alone decides what
 * runs (api/_lib/jobs/registry.ts). A payload of another job's shape is acknowledged and skipped,
 * an unknown name is a 404, and each run's QStash deduplication id is the event id it records.
 */
import { describe, expect, test } from 'vitest';
import { API_KEY, callMeNow, dispatchWithApiKey, sessionOf } from '../support/agent-calls';
import { startedCallId, statusOf } from '../support/calls';
import { deliverJob, jobUrl } from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({
  env: { AGENT_API_KEY: API_KEY, LIVEKIT_SIP_TRUNK_ID: 'ST_test_trunk' },
});

async function ringingAgentCall(name: string) {
  const [callee] = await syntheticUsers(env, name, 1);
  const response = await callMeNow(env, callee!);
  expect(response.status).toBe(201);
  return (await response.json()).agentCall.sid as string;
}

async function ringingCall(name: string) {
  const [caller, callee] = await syntheticUsers(env, name, 2);
  return startedCallId(env, caller!, callee!);
}

/** The one message QStash holds for `job` about `subject`. */
function messageFor(job: string, subject: string) {
  const messages = env.qstash
    .messages({ url: jobUrl(env.url, job) })
    .filter((message) => message.body.includes(subject));
  expect(messages).toHaveLength(1);
  return messages[0]!;
}

describe('each job runs by its name', () => {
  test('an agent call times out on agent-ring-timeout: missed', async () => {
    const sid = await ringingAgentCall('jobs-agent-timeout');
    expect(await deliverJob(env, 'agent-ring-timeout', { sid })).toEqual({
      status: 200,
      body: { done: true, status: 'missed' },
    });
    expect(await sessionOf(env, sid)).toMatchObject({ status: 'missed' });
  });

  test('an agent time-out published before the split (ring-timeout {sid}) is skipped; the sweep misses the call', async () => {
    const sid = await ringingAgentCall('jobs-agent-old-name');
    expect(await deliverJob(env, 'ring-timeout', { sid })).toEqual({
      status: 200,
      body: { done: true, skipped: 'invalid payload' },
    });
    expect(await sessionOf(env, sid)).toMatchObject({ status: 'ringing' });

    // Past its deadline, as the next minutes' sweeps find it.
    await env.db.query(
      `UPDATE agent_call_sessions SET created_at = now() - interval '5 minutes' WHERE sid = $1`,
      [sid],
    );
    expect((await deliverJob(env, 'sweep', {})).status).toBe(200);
    expect(await sessionOf(env, sid)).toMatchObject({
      status: 'missed',
      timeout_notification_sent: true,
    });
  });

  test('a 1:1 call on agent-ring-timeout is skipped, not run', async () => {
    const callId = await ringingCall('jobs-call-on-agent-job');
    expect(await deliverJob(env, 'agent-ring-timeout', { callId })).toEqual({
      status: 200,
      body: { done: true, skipped: 'invalid payload' },
    });
    expect(await statusOf(env, callId)).toBe('ringing');
  });

  test.each([
    ['ring-timeout', { retryId: '1' }],
    ['execute-retry', { callId: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['dial-out', { callId: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['sweep', { sid: 'ac_12345678' }],
  ])('%s with a payload of another shape (%o) is acknowledged as skipped', async (job, payload) => {
    expect(await deliverJob(env, job, payload)).toEqual({
      status: 200,
      body: { done: true, skipped: 'invalid payload' },
    });
  });

  test.each([
    ['agent-ring-timeout', { sid: 'ac_shrt' }],
    ['agent-ring-timeout', { sid: 'ac_12345678/' }],
    ['agent-ring-timeout', { sid: '/ac_12345678' }],
    ['dial-out', { sid: `ac_${'x'.repeat(62)}` }],
    ['execute-retry', { retryId: '12x' }],
    ['execute-retry', { retryId: 'x12' }],
    ['execute-retry', { retryId: '1'.repeat(19) }],
  ])('%s with a malformed id (%o) is acknowledged as skipped', async (job, payload) => {
    expect(await deliverJob(env, job, payload)).toEqual({
      status: 200,
      body: { done: true, skipped: 'invalid payload' },
    });
  });

  test('an id of the right form runs the job, even one that names nothing', async () => {
    expect(await deliverJob(env, 'execute-retry', { retryId: '12' })).toEqual({
      status: 200,
      body: { done: true, skipped: 'retry not-found' },
    });
    expect(await deliverJob(env, 'dial-out', { sid: 'ac_12345678' })).toEqual({
      status: 200,
      body: { done: true, status: 'not dialled' },
    });
  });

  test.each(['nope', 'RING-TIMEOUT', 'constructor', 'toString'])(
    'an unknown job (%s), even signed for its URL, is a 404 in JSON',
    async (job) => {
      expect(await deliverJob(env, job, {})).toEqual({
        status: 404,
        body: { error: { code: 'unknown_job', message: 'No such job.' } },
      });
    },
  );
});

describe("a run's deduplication id is the event id it records", () => {
  test('ring-timeout', async () => {
    const callId = await ringingCall('jobs-id-call');
    await env.qstash.advance(60);
    const { rows } = await env.db.query(
      `SELECT event_id FROM call_events WHERE call_id = $1 AND type = 'ring-timeout'`,
      [callId],
    );
    expect(rows).toEqual([{ event_id: messageFor('ring-timeout', callId).deduplicationId }]);
  });

  test('agent-ring-timeout', async () => {
    const sid = await ringingAgentCall('jobs-id-agent');
    await env.qstash.advance(60);
    const { rows } = await env.db.query(
      `SELECT event_id FROM agent_call_events WHERE sid = $1 AND type = 'ring-timeout'`,
      [sid],
    );
    expect(rows).toEqual([{ event_id: messageFor('agent-ring-timeout', sid).deduplicationId }]);
  });

  test('dial-out', async () => {
    env.livekit.sipOutcome('+819088880000', { delayMs: 0, then: 'answer' });
    const response = await dispatchWithApiKey(env, { to: { phone: '+819088880000' } });
    const { sid } = (await response.json()).agentCall;
    await env.qstash.deliverDue();
    const { rows } = await env.db.query(
      `SELECT event_id FROM agent_call_events WHERE sid = $1 AND type = 'answer'`,
      [sid],
    );
    expect(rows).toEqual([{ event_id: messageFor('dial-out', sid).deduplicationId }]);
    // The dial holds the job up to ~70 s: QStash must wait longer than its default.
    expect(messageFor('dial-out', sid).timeoutSeconds).toBe(90);
  });
});
