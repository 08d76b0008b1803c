/**
 * No agent came (docs/agent-worker.md#no-agent): a session whose room no agent participant joined
 * within 20 s of the dispatch fails `no_agent` — by its job, or by the sweep when the job is lost
 * — and one an agent joined is left alone, also when the join and the check arrive together.
 */
import { afterEach, describe, expect, test } from 'vitest';
import {
  AGENT_KIND,
  agentCallOf,
  agentRoomEvent,
  callMeNow,
  sessionOf,
  startedAgentCall,
} from '../support/agent-calls';
import { deliverJob } from '../support/signed-deliveries';
import { useAgentCallTestEnvironment } from '../support/use-test-environment';

const env = useAgentCallTestEnvironment({ signIn: ['alice', 'bob'] });
afterEach(() => env.livekit.agentWorker(true));

const agentJoinedAt = async (sid: string) =>
  (await env.db.query('SELECT agent_joined_at FROM agent_call_sessions WHERE sid = $1', [sid]))
    .rows[0].agent_joined_at as Date | null;

describe('the 20 s check', () => {
  test('no worker runs: failed no_agent 20 s after the dispatch, inside the ring time', async () => {
    env.livekit.agentWorker(false);
    const call = await startedAgentCall(await callMeNow(env, env.users.alice));
    await env.qstash.advance(19);
    expect((await sessionOf(env, call.sid)).status).toBe('ringing');
    await env.qstash.advance(1);
    expect(await sessionOf(env, call.sid)).toMatchObject({
      status: 'failed',
      failure_reason: 'no_agent',
    });
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(call.room);
    expect(await agentCallOf(env, call.sid)).toMatchObject({
      status: 'failed',
      failureReason: 'no_agent',
    });
    // The ring time-out, when it comes, finds the call over.
    await env.qstash.advance(40);
    expect((await sessionOf(env, call.sid)).status).toBe('failed');
  });

  test('the worker is running: its agent joined, the check changes nothing', async () => {
    const call = await startedAgentCall(await callMeNow(env, env.users.alice));
    const participants = env.livekit.participants(call.room);
    expect(participants.map((p) => p.kind)).toEqual([AGENT_KIND]);
    expect(participants[0]!.identity).toMatch(/^agent-AJ_/);
    expect(await agentJoinedAt(call.sid)).toBeInstanceOf(Date);
    await env.qstash.advance(20);
    expect((await sessionOf(env, call.sid)).status).toBe('ringing');
  });

  test('also after the callee answered: an answered call without an agent fails too', async () => {
    env.livekit.agentWorker(false);
    const { alice } = env.users;
    const call = await startedAgentCall(await callMeNow(env, alice));
    await agentRoomEvent(env, 'participant_joined', call.sid, alice);
    expect((await sessionOf(env, call.sid)).status).toBe('answered');
    await env.qstash.advance(20);
    expect((await sessionOf(env, call.sid)).failure_reason).toBe('no_agent');
  });
});

describe('the agent participant', () => {
  test('is not the callee: it answers nothing, and the first join time is kept', async () => {
    env.livekit.agentWorker(false);
    const call = await startedAgentCall(await callMeNow(env, env.users.bob));
    const agent = { kind: AGENT_KIND };
    const t = Math.floor(Date.now() / 1000);
    await agentRoomEvent(env, 'participant_joined', call.sid, 'agent-AJ_1', {
      ...agent,
      createdAt: t,
    });
    await agentRoomEvent(env, 'participant_joined', call.sid, 'agent-AJ_2', {
      ...agent,
      createdAt: t + 5,
    });
    expect((await sessionOf(env, call.sid)).status).toBe('ringing');
    expect((await agentJoinedAt(call.sid))!.getTime()).toBe(t * 1000);
    await agentRoomEvent(env, 'participant_left', call.sid, 'agent-AJ_1', agent);
    await env.qstash.advance(20);
    expect((await sessionOf(env, call.sid)).status).toBe('ringing');
  });

  test('joining as the check runs: one of the two is decided first, never both', async () => {
    env.livekit.agentWorker(false);
    const call = await startedAgentCall(await callMeNow(env, env.users.bob));
    const [joined, checked] = await Promise.all([
      agentRoomEvent(env, 'participant_joined', call.sid, 'agent-AJ_race', {
        kind: AGENT_KIND,
      }),
      deliverJob(env, 'agent-join-check', { sid: call.sid }),
    ]);
    expect([joined.status, checked.status]).toEqual([200, 200]);
    const { status, failure_reason } = await sessionOf(env, call.sid);
    const joinedAt = await agentJoinedAt(call.sid);
    if (status === 'failed') {
      expect([failure_reason, joinedAt]).toEqual(['no_agent', null]);
    } else {
      expect(status).toBe('ringing');
      expect(joinedAt).toBeInstanceOf(Date);
    }
  });
});

test("the job was lost: the sweep fails the agentless call, under the job's event id", async () => {
  env.livekit.agentWorker(false);
  const call = await startedAgentCall(await callMeNow(env, env.users.alice));
  await env.db.query(
    `UPDATE agent_call_sessions SET created_at = now() - interval '51 seconds' WHERE sid = $1`,
    [call.sid],
  );
  expect((await deliverJob(env, 'sweep', {})).status).toBe(200);
  expect((await sessionOf(env, call.sid)).failure_reason).toBe('no_agent');
  const { rows } = await env.db.query(
    `SELECT source, event_id FROM agent_call_events WHERE sid = $1 AND type = 'no-agent'`,
    [call.sid],
  );
  expect(rows).toEqual([{ source: 'qstash', event_id: `agent-join-check_${call.sid}` }]);
  // The job, delivered late after all, is a duplicate.
  await env.qstash.advance(20);
  expect(
    (
      await env.db.query(
        `SELECT count(*)::int AS n FROM agent_call_events WHERE sid = $1 AND type = 'no-agent'`,
        [call.sid],
      )
    ).rows[0].n,
  ).toBe(1);
});
