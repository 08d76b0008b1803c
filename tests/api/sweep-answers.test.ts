/**
 * What one sweep answers: how many stranded rows of each kind it resolved, and how many it could
 * not (LINE down for a missed call's notices), without that one stopping the rest. Its own
 * decisions are recorded as the system's, under the sweep's id for the row.
 */
import { expect, test } from 'vitest';
import { callMeNow } from '../support/agent-calls';
import { deliverJob } from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

const sweep = () => deliverJob(env, 'sweep', {});

test('one of each kind stranded, the missed call’s notices failing: each resolved, one error', async () => {
  const [ann, ben, cid, dot, eva, fay] = await syntheticUsers(env, 'sweep-answers', 6);
  const ago = (minutes: number) => `now() - interval '${minutes} minutes'`;
  await env.db.query(
    `INSERT INTO calls (caller_id, callee_id, media, status, created_at, ringing_at)
     VALUES ($1, $2, 'video', 'ringing', ${ago(5)}, ${ago(5)})`,
    [ann!.userId, ben!.userId],
  );
  const { rows: unjoined } = await env.db.query(
    `INSERT INTO calls (caller_id, callee_id, media, status, created_at, ringing_at, accepted_at)
     VALUES ($1, $2, 'video', 'accepted', ${ago(5)}, ${ago(5)}, ${ago(4)}) RETURNING id`,
    [cid!.userId, dot!.userId],
  );
  const { sid } = (await (await callMeNow(env, eva!)).json()).agentCall;
  await env.db.query(`UPDATE agent_call_sessions SET created_at = ${ago(5)} WHERE sid = $1`, [sid]);
  await env.db.query(
    `INSERT INTO agent_call_retry_queue (original_sid, callee_user_id, language, retry_attempt, run_at)
     VALUES ($1, $2, 'en', 1, ${ago(5)})`,
    [sid, eva!.userId],
  );
  // No agent came to Fay's call, 55 s ago: inside its ring time, past the agent's 20 s.
  env.livekit.agentWorker(false);
  const agentless = (await (await callMeNow(env, fay!)).json()).agentCall.sid;
  env.livekit.agentWorker(true);
  await env.db.query(
    `UPDATE agent_call_sessions SET created_at = now() - interval '55 seconds' WHERE sid = $1`,
    [agentless],
  );
  // The 1:1 call's two notices, each tried three times.
  env.line.failNextPushes({ status: 500, count: 6 });

  expect(await sweep()).toEqual({
    status: 200,
    body: {
      done: true,
      resolved: {
        unansweredCalls: 1,
        unjoinedCalls: 1,
        unansweredAgentCalls: 1,
        agentlessAgentCalls: 1,
        overdueRetries: 1,
      },
      campaigns: 0,
      errors: 1,
    },
  });
  const { rows: failed } = await env.db.query(
    `SELECT status, failure_reason FROM agent_call_sessions WHERE sid = $1`,
    [agentless],
  );
  expect(failed).toEqual([{ status: 'failed', failure_reason: 'no_agent' }]);
  const { rows: trail } = await env.db.query(
    `SELECT type, source, event_id FROM call_events WHERE call_id = $1 AND type = 'fail'`,
    [unjoined[0].id],
  );
  expect(trail).toEqual([{ type: 'fail', source: 'system', event_id: `sweep_${unjoined[0].id}` }]);
});
