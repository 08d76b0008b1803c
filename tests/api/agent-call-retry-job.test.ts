/**
 * "Call me again" after a missed agent call, and the `execute-retry` job that makes the call
 * back (docs/decisions.md#retry-claims): offered only after a miss, canceled by "Not now", run
 * once per claim, postponed 2 minutes (twice at most) while the user is on another call, and
 * failed for good when the user cannot be called at all. The job's answer says what it did.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { retryKeyFor } from '../../api/_lib/line/push';
import type { DevUser } from '../../dev/dev-users';
import { callMeNow, sessionOf, sessionsOf } from '../support/agent-calls';
import { act, startedCallId } from '../support/calls';
import { deliverJob, jobUrl } from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ env: { LIVEKIT_AGENT_NAME: 'reminder-agent' } });
beforeEach(() => env.line.reset());

/** A user whose "call me now" went unanswered, and that missed call's sid. */
async function missedCall(tag: string): Promise<{ user: DevUser; sid: string }> {
  const [user] = await syntheticUsers(env, tag, 1);
  const response = await callMeNow(env, user!);
  expect(response.status).toBe(201);
  const { sid } = (await response.json()).agentCall;
  await env.qstash.advance(60);
  expect(await sessionOf(env, sid)).toMatchObject({ status: 'missed' });
  return { user: user!, sid };
}

const scheduleRetry = (user: DevUser, sid: string) =>
  env.api(`/api/agent-calls/${sid}`, { as: user, body: { action: 'schedule-retry' } });

/** "Call me again" on a missed call; the queued row's id. */
async function retryOf(tag: string) {
  const { user, sid } = await missedCall(tag);
  expect((await scheduleRetry(user, sid)).status).toBe(200);
  const { rows } = await env.db.query(
    'SELECT id::text FROM agent_call_retry_queue WHERE original_sid = $1',
    [sid],
  );
  return { user, sid, retryId: rows[0].id as string };
}

const runRetry = (retryId: string) => deliverJob(env, 'execute-retry', { retryId });

async function retryRow(retryId: string) {
  const { rows } = await env.db.query(
    'SELECT status, postponed_count, new_sid FROM agent_call_retry_queue WHERE id = $1',
    [retryId],
  );
  return rows[0];
}

const jobsFor = (retryId: string) =>
  env.qstash
    .messages({ url: jobUrl(env.url, 'execute-retry') })
    .filter((message) => JSON.parse(message.body).retryId === retryId);

describe('asking to be called again', () => {
  test('is offered after a missed call only: a ringing one answers 409 not_retryable', async () => {
    const [user] = await syntheticUsers(env, 'retry-ringing', 1);
    const { sid } = (await (await callMeNow(env, user!)).json()).agentCall;
    const response = await scheduleRetry(user!, sid);
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({
      code: 'not_retryable',
      status: 'ringing',
    });
  });

  test('queues one call back, run by a job 5 minutes later under the row as its id', async () => {
    const { retryId } = await retryOf('retry-queued');
    const [job] = jobsFor(retryId);
    expect(job).toMatchObject({ deduplicationId: `execute-retry_${retryId}` });
    expect((job!.dueAt! - job!.createdAt) / 1000).toBe(300);
  });

  test('"Not now" on the missed call cancels the call back still waiting', async () => {
    const { user, sid, retryId } = await retryOf('retry-not-now');
    const response = await env.api(`/api/agent-calls/${sid}`, {
      as: user,
      body: { action: 'cancel' },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).agentCall.retries).toEqual([
      expect.objectContaining({ attempt: 1, status: 'canceled' }),
    ]);
    await env.qstash.advance(300);
    expect(await sessionsOf(env, user)).toHaveLength(1);
    expect(await runRetry(retryId)).toEqual({
      status: 200,
      body: { done: true, skipped: 'retry done' },
    });
  });

  test('"Not now" on the first call\'s old message leaves the call back asked for later', async () => {
    const { user, sid, retryId } = await retryOf('retry-old-not-now');
    await runRetry(retryId);
    const second = (await sessionsOf(env, user)).at(-1)!.sid;
    await env.qstash.advance(60);
    expect(await sessionOf(env, second)).toMatchObject({ status: 'missed' });
    expect((await scheduleRetry(user, second)).status).toBe(200);
    await env.api(`/api/agent-calls/${sid}`, { as: user, body: { action: 'cancel' } });
    const { rows } = await env.db.query(
      `SELECT retry_attempt, status FROM agent_call_retry_queue WHERE original_sid = $1
       ORDER BY retry_attempt`,
      [sid],
    );
    expect(rows).toEqual([
      { retry_attempt: 1, status: 'executed' },
      { retry_attempt: 2, status: 'scheduled' },
    ]);
  });

  test('asking again once the call back ran says nothing more, even after LINE forgot the key', async () => {
    const { user, sid, retryId } = await retryOf('retry-asked-twice');
    await runRetry(retryId);
    env.line.reset(); // LINE keeps a retry key for 24 hours only
    expect((await scheduleRetry(user, sid)).status).toBe(200);
    expect(env.line.pushes(user.userId)).toEqual([]);
  });

  test('"Not now" on the ringing call ends it, saying why', async () => {
    const [user] = await syntheticUsers(env, 'retry-not-now-ringing', 1);
    const { sid } = (await (await callMeNow(env, user!)).json()).agentCall;
    await env.api(`/api/agent-calls/${sid}`, { as: user, body: { action: 'cancel' } });
    expect(await sessionOf(env, sid)).toMatchObject({
      status: 'canceled',
      failure_reason: 'callee said not now',
    });
  });
});

describe('the call-back job', () => {
  test('calls the user again and answers with the new call', async () => {
    const { user, sid, retryId } = await retryOf('retry-runs');
    const answer = await runRetry(retryId);
    const newCall = (await sessionsOf(env, user)).at(-1)!;
    expect(newCall).toMatchObject({ status: 'ringing', retry_count: 1, original_sid: sid });
    expect(answer).toEqual({ status: 200, body: { done: true, sid: newCall.sid } });
    expect(await retryRow(retryId)).toMatchObject({ status: 'executed', new_sid: newCall.sid });
  });

  test('LiveKit down: 503 and the row handed back, so a later delivery makes the call', async () => {
    const { user, retryId } = await retryOf('retry-livekit-down');
    env.livekit.failNext(503);
    const answer = await runRetry(retryId);
    expect(answer.status).toBe(503);
    expect(await retryRow(retryId)).toMatchObject({ status: 'scheduled', new_sid: null });
    const again = await runRetry(retryId);
    expect(again.body).toMatchObject({ done: true, sid: expect.any(String) });
    expect((await sessionsOf(env, user)).at(-1)).toMatchObject({ status: 'ringing' });
  });

  test('meeting another delivery that holds the claim answers 503, so QStash comes back', async () => {
    const { retryId } = await retryOf('retry-claimed');
    await env.db.query(
      `UPDATE agent_call_retry_queue SET status = 'executing', claimed_at = now() WHERE id = $1`,
      [retryId],
    );
    const answer = await runRetry(retryId);
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('retry_in_progress');
    expect(await runRetry('987654321')).toEqual({
      status: 200,
      body: { done: true, skipped: 'retry not-found' },
    });
  });

  test('the user on a 1:1 call: 2 minutes later, twice, each a new message; then one notice', async () => {
    const { user, retryId } = await retryOf('retry-busy');
    const [other] = await syntheticUsers(env, 'retry-busy-caller', 1);
    await act(env, user, await startedCallId(env, other!, user), 'accept');

    for (const postponed of [1, 2]) {
      expect(await runRetry(retryId)).toEqual({ status: 200, body: { done: true, postponed } });
      const job = jobsFor(retryId).at(-1)!;
      expect(job.deduplicationId).toBe(`execute-retry_${retryId}_p${postponed}`);
      expect((job.dueAt! - job.createdAt) / 1000).toBe(120);
    }
    expect(await runRetry(retryId)).toEqual({ status: 200, body: { done: true, gaveUp: true } });
    const notices = env.line.pushes(user.userId).filter((p) => p.messages[0]?.type === 'text');
    expect(notices.map((p) => p.retryKey)).toContain(retryKeyFor('retry-gave-up', retryId));
    expect(await retryRow(retryId)).toMatchObject({ status: 'gave_up', postponed_count: 2 });
  });

  test('the user on another agent call, started before the busy window: postponed all the same', async () => {
    const { user, sid, retryId } = await retryOf('retry-agent-busy');
    const other = await callMeNow(env, user);
    expect(other.status).toBe(201);
    await env.db.query(
      `UPDATE agent_call_sessions SET created_at = now() - interval '10 minutes'
       WHERE callee_user_id = $1 AND sid <> $2`,
      [user.userId, sid],
    );
    expect(await runRetry(retryId)).toEqual({ status: 200, body: { done: true, postponed: 1 } });
  });

  test('the user blocked the account since: the call back fails for good and is acknowledged', async () => {
    const { user, retryId } = await retryOf('retry-blocked');
    await env.db.query('UPDATE users SET can_receive_push = false WHERE line_user_id = $1', [
      user.userId,
    ]);
    expect(await runRetry(retryId)).toEqual({
      status: 200,
      body: { done: true, failed: expect.any(String) },
    });
    expect(await retryRow(retryId)).toMatchObject({ status: 'failed', new_sid: null });
    expect(await sessionsOf(env, user)).toHaveLength(1);
  });
});
