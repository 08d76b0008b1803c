/**
 * Taking a call over: once the callee has answered, one operator gets it (recorded once, the
 * agent's dispatch deleted and its participant removed from the room through LiveKit's API, a
 * token that speaks); a second operator gets 409; the agent leaving does not end the call.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { agentRoomEvent, AGENT_KIND, workerReport } from '../support/agent-calls';
import { campaignWithLeads, makeOperator } from '../support/campaign-calls';
import { callAction, grantOf, liveAgentCall, statusOf } from '../support/operator-calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

let campaignId: string;
let leadId: number;

beforeAll(async () => {
  await makeOperator(env, env.users.bob);
  let leadIds: number[];
  ({ campaignId, leadIds } = await campaignWithLeads(env, env.users.alice, 'phone\n090-3333-0001'));
  leadId = leadIds[0]!;
});

const agentsIn = (room: string) =>
  env.livekit.participants(room).filter((participant) => participant.kind === AGENT_KIND);

describe('taking over', () => {
  test('the operator speaks, the agent is sent out, the call goes on', async () => {
    const { sid, room } = await liveAgentCall(env, { answered: true, leadId });
    const [agent] = agentsIn(room);
    expect(agent).toBeDefined();
    expect(env.livekit.dispatches(room)).toHaveLength(1);

    const response = await callAction(env, sid, 'take-over');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.room).toBe(room);
    const { identity, video } = grantOf(body.token);
    expect(identity).toMatch(/^operator-[0-9a-f]{32}$/);
    expect(video).toMatchObject({ room, canPublish: true, canSubscribe: true, hidden: false });
    expect(video.canPublishSources).toEqual(['microphone']);

    expect(agentsIn(room)).toEqual([]);
    expect(env.livekit.dispatches(room)).toEqual([]);
    expect(env.livekit.calls('RemoveParticipant').map((call) => call.body)).toContainEqual({
      room,
      identity: agent!.identity,
    });
    const { rows } = await env.db.query(
      `SELECT taken_over_by, taken_over_at IS NOT NULL AS at FROM agent_call_sessions
       WHERE sid = $1`,
      [sid],
    );
    expect(rows).toEqual([{ taken_over_by: env.users.bob.userId, at: true }]);

    // LiveKit reported the agent leaving (the stand-in, as LiveKit, on RemoveParticipant), and
    // the operator joins: neither ends the call.
    const { rows: left } = await env.db.query(
      `SELECT type, to_status FROM agent_call_events
       WHERE sid = $1 AND source = 'livekit' AND data->>'identity' = $2`,
      [sid, agent!.identity],
    );
    expect(left.map((row) => row.type)).toContain('left');
    await agentRoomEvent(env, 'participant_joined', sid, identity!);
    expect(await statusOf(env, sid)).toBe('answered');

    const monitor = await env.api(`/api/console/campaigns/${campaignId}/monitor`, {
      as: env.users.alice,
    });
    const live = (await monitor.json()).liveCalls.find((call: { sid: string }) => call.sid === sid);
    expect(live.takenOverBy).toBe(env.users.bob.userId);
  });

  test('the operator leaving hangs up; a listener or an earlier token of theirs leaving does not', async () => {
    const { sid, room } = await liveAgentCall(env, { answered: true, leadId });
    const listener = grantOf((await (await callAction(env, sid, 'listen')).json()).token);
    const earlier = grantOf((await (await callAction(env, sid, 'take-over')).json()).token);
    const latest = grantOf((await (await callAction(env, sid, 'take-over')).json()).token);
    for (const { identity } of [listener, earlier]) {
      await agentRoomEvent(env, 'participant_left', sid, identity!);
    }
    expect(await statusOf(env, sid)).toBe('answered');
    const left = await agentRoomEvent(env, 'participant_left', sid, latest.identity!);
    expect(await left.json()).toMatchObject({ handled: true, status: 'ended' });
    expect(env.livekit.rooms().map((r) => r.name)).not.toContain(room);
  });

  test("the worker's report of being sent out is not the call's outcome", async () => {
    const { sid } = await liveAgentCall(env, { answered: true, leadId });
    expect((await callAction(env, sid, 'take-over')).status).toBe(200);
    const at = new Date().toISOString();
    const report = await workerReport(env, { type: 'outcome', sid, outcome: 'no_response', at });
    expect(await report.json()).toEqual({ ok: true, stored: false });
    const { rows } = await env.db.query('SELECT 1 FROM agent_call_outcomes WHERE sid = $1', [sid]);
    expect(rows).toEqual([]);
  });

  test('exactly once: a second operator → 409; the same one again gets a token, recorded once', async () => {
    const { sid } = await liveAgentCall(env, { answered: true, leadId });
    const [first, second] = await Promise.all([
      callAction(env, sid, 'take-over'),
      callAction(env, sid, 'take-over', env.users.alice),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = first.status === 409 ? first : second;
    const winner = first.status === 200 ? env.users.bob : env.users.alice;
    expect((await refused.json()).error).toMatchObject({
      code: 'already_taken_over',
      takenOverBy: winner.userId,
    });
    expect((await callAction(env, sid, 'take-over', winner)).status).toBe(200);
    const { rows } = await env.db.query(
      `SELECT data->>'operator' AS operator FROM agent_call_events
       WHERE sid = $1 AND type = 'take-over'`,
      [sid],
    );
    expect(rows).toEqual([{ operator: winner.userId }]);
  });

  test('before the callee answers → 409; after the call → 409; unknown → 404', async () => {
    const { sid } = await liveAgentCall(env, { answered: false, leadId });
    const ringing = await callAction(env, sid, 'take-over');
    expect(ringing.status).toBe(409);
    expect((await ringing.json()).error).toMatchObject({ code: 'not_answered', status: 'ringing' });
    await env.db.query(`UPDATE agent_call_sessions SET status = 'missed' WHERE sid = $1`, [sid]);
    const over = await callAction(env, sid, 'take-over');
    expect((await over.json()).error).toMatchObject({ code: 'call_over', status: 'missed' });
    expect((await callAction(env, 'AC_no_such_call', 'take-over')).status).toBe(404);
  });

  test('LiveKit failing → 503, nothing lost: asking again finishes sending the agent out', async () => {
    const { sid, room } = await liveAgentCall(env, { answered: true, leadId });
    env.livekit.failNext(500);
    const failed = await callAction(env, sid, 'take-over');
    expect(failed.status).toBe(503);
    expect(agentsIn(room)).toHaveLength(1);
    expect((await callAction(env, sid, 'take-over')).status).toBe(200);
    expect(agentsIn(room)).toEqual([]);
  });
});

describe('hanging up', () => {
  test('an answered call ends and its room closes; again → the same answer', async () => {
    const { sid, room } = await liveAgentCall(env, { answered: true, leadId });
    const response = await callAction(env, sid, 'hang-up');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sid, status: 'ended' });
    expect(env.livekit.rooms().map((r) => r.name)).not.toContain(room);
    const { rows } = await env.db.query(
      'SELECT failure_reason, ended_at IS NOT NULL AS ended FROM agent_call_sessions WHERE sid = $1',
      [sid],
    );
    expect(rows).toEqual([{ failure_reason: null, ended: true }]);
    expect(await (await callAction(env, sid, 'hang-up')).json()).toEqual({ sid, status: 'ended' });
  });

  test('a ringing call is canceled; an unknown one → 404', async () => {
    const { sid } = await liveAgentCall(env, { answered: false, leadId });
    expect(await (await callAction(env, sid, 'hang-up')).json()).toEqual({
      sid,
      status: 'canceled',
    });
    expect((await callAction(env, 'AC_no_such_call', 'hang-up')).status).toBe(404);
  });
});
