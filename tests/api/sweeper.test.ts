/**
 * The sweep job (docs/decisions.md#periodic-sweep): what a lost job or an absent party left
 * behind is resolved once, with the same effects as the normal path, however often the sweep runs
 * and even when the lost job turns up late.
 */
import { describe, expect, test } from 'vitest';
import { pushedTexts } from '../support/agent-calls';
import { startCall } from '../support/calls';
import { deliverJob } from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

async function deliver(job: string, payload: object) {
  const { status, body } = await deliverJob(env, job, payload);
  expect(status).toBe(200);
  return body;
}
const sweep = () => deliver('sweep', {});
const missedPushes = (userId: string) =>
  env.line.pushes(userId).filter((push) => push.messages[0]?.type === 'template');

describe('1:1 calls', () => {
  test('ringing past the deadline with its job lost → missed once, one notice per party', async () => {
    const [ann, ben] = await syntheticUsers(env, 'sweep-ringing', 2);
    const { rows } = await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, status, created_at, ringing_at)
       VALUES ($1, $2, 'video', 'ringing', now() - interval '5 minutes',
               now() - interval '5 minutes') RETURNING id`,
      [ann!.userId, ben!.userId],
    );
    const id = rows[0].id;
    await sweep();
    await sweep();
    await deliver('ring-timeout', { callId: id }); // the lost job turns up after all
    const { rows: after } = await env.db.query(
      `SELECT status, missed_notified_at IS NOT NULL AS notified,
              (SELECT count(*)::int FROM call_events WHERE call_id = $1 AND type = 'ring-timeout')
                AS events
       FROM calls WHERE id = $1`,
      [id],
    );
    expect(after[0]).toEqual({ status: 'missed', notified: true, events: 1 });
    expect([missedPushes(ann!.userId).length, missedPushes(ben!.userId).length]).toEqual([1, 1]);
  });

  test('initiated (a start that crashed before ringing) past the deadline → missed', async () => {
    const [cat, dan] = await syntheticUsers(env, 'sweep-initiated', 2);
    const { rows } = await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, created_at)
       VALUES ($1, $2, 'audio', now() - interval '3 minutes') RETURNING id`,
      [cat!.userId, dan!.userId],
    );
    await sweep();
    const { rows: after } = await env.db.query('SELECT status FROM calls WHERE id = $1', [
      rows[0].id,
    ]);
    expect(after[0].status).toBe('missed');
  });

  test('accepted but nobody joined → failed, and the pair can call again', async () => {
    const [eve, fay] = await syntheticUsers(env, 'sweep-accepted', 2);
    const { rows } = await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, status, created_at, ringing_at, accepted_at)
       VALUES ($1, $2, 'video', 'accepted', now() - interval '5 minutes',
               now() - interval '5 minutes', now() - interval '4 minutes') RETURNING id`,
      [eve!.userId, fay!.userId],
    );
    expect((await startCall(env, eve!, fay!)).status).toBe(409);
    await sweep();
    await sweep();
    const { rows: after } = await env.db.query(
      `SELECT status, end_reason FROM calls WHERE id = $1`,
      [rows[0].id],
    );
    expect(after[0]).toEqual({
      status: 'failed',
      end_reason: 'nobody joined after the call was accepted',
    });
    expect((await startCall(env, eve!, fay!)).status).toBe(201);
  });

  test('an accepted call still inside its join time is left alone', async () => {
    const [gus, hal] = await syntheticUsers(env, 'sweep-fresh', 2);
    const { rows } = await env.db.query(
      `INSERT INTO calls (caller_id, callee_id, media, status, ringing_at, accepted_at)
       VALUES ($1, $2, 'video', 'accepted', now(), now()) RETURNING id`,
      [gus!.userId, hal!.userId],
    );
    await sweep();
    const { rows: after } = await env.db.query('SELECT status FROM calls WHERE id = $1', [
      rows[0].id,
    ]);
    expect(after[0].status).toBe('accepted');
  });
});

describe('agent calls', () => {
  test('ringing past the deadline → missed once, one "you missed a call" with call me again', async () => {
    const [ivy] = await syntheticUsers(env, 'sweep-agent', 1);
    await env.db.query(
      `INSERT INTO agent_call_sessions (sid, room_name, callee_user_id, requested_by, status,
         created_at, initiated_at, ringing_at)
       VALUES ('ac_sweep_ringing', 'agent-ac_sweep_ringing', $1, 'self', 'ringing',
         now() - interval '5 minutes', now() - interval '5 minutes', now() - interval '5 minutes')`,
      [ivy!.userId],
    );
    await sweep();
    await sweep();
    await deliver('agent-ring-timeout', { sid: 'ac_sweep_ringing' });
    const { rows } = await env.db.query(
      `SELECT status, timeout_notification_sent FROM agent_call_sessions WHERE sid = $1`,
      ['ac_sweep_ringing'],
    );
    expect(rows[0]).toEqual({ status: 'missed', timeout_notification_sent: true });
    expect(pushedTexts(env, ivy!).filter((t) => t.includes('missed a call'))).toHaveLength(1);
  });

  test('a "call me again" row overdue with its job lost → executed once', async () => {
    const [jay] = await syntheticUsers(env, 'sweep-retry', 1);
    await env.db.query(
      `INSERT INTO agent_call_sessions (sid, room_name, callee_user_id, requested_by, status,
         created_at, initiated_at, ringing_at, timeout_at, ended_at, duration_seconds)
       VALUES ('ac_sweep_retry', 'agent-ac_sweep_retry', $1, 'self', 'missed',
         now() - interval '20 minutes', now() - interval '20 minutes',
         now() - interval '20 minutes', now() - interval '19 minutes',
         now() - interval '19 minutes', 0)`,
      [jay!.userId],
    );
    await env.db.query(
      `INSERT INTO agent_call_retry_queue (original_sid, callee_user_id, retry_attempt, run_at)
       VALUES ('ac_sweep_retry', $1, 1, now() - interval '10 minutes')`,
      [jay!.userId],
    );
    await Promise.all([sweep(), sweep()]);
    await sweep();
    const { rows } = await env.db.query(
      `SELECT (SELECT status FROM agent_call_retry_queue WHERE original_sid = $1) AS retry,
              (SELECT count(*)::int FROM agent_call_sessions WHERE original_sid = $1) AS sessions`,
      ['ac_sweep_retry'],
    );
    expect(rows[0]).toEqual({ retry: 'executed', sessions: 1 });
  });
});
