/** An agent call's room events, once each in any order, and who may read it or join its room. */
import { describe, expect, test } from 'vitest';
import {
  agentRoomEvent,
  API_KEY,
  callMeNow,
  sessionOf,
  startedAgentCall,
} from '../support/agent-calls';
import { useAgentCallTestEnvironment } from '../support/use-test-environment';

const env = useAgentCallTestEnvironment();

describe('webhooks and access', () => {
  test('each event 3 times in shuffled order: same final state, one audit row each', async () => {
    const { bob } = env.users;
    const call = await startedAgentCall(await callMeNow(env, bob));
    const t = Math.floor(Date.now() / 1000);
    const ids = ['EV_a1', 'EV_a2', 'EV_a3'].map((id) => `${id}_${call.sid}`);
    const sends = [
      () =>
        agentRoomEvent(env, 'participant_joined', call.sid, bob, {
          id: ids[0],
          createdAt: t,
        }),
      () =>
        agentRoomEvent(env, 'participant_left', call.sid, bob, {
          id: ids[1],
          createdAt: t + 40,
        }),
      () =>
        agentRoomEvent(env, 'room_finished', call.sid, undefined, {
          id: ids[2],
          createdAt: t + 50,
        }),
    ];
    const order = [0, 1, 2, 0, 1, 2, 0, 1, 2].sort(() => Math.random() - 0.5);
    for (const i of order) expect((await sends[i]!()).status).toBe(200);
    expect((await sessionOf(env, call.sid)).status).toBe('ended');
    const { rows } = await env.db.query(
      `SELECT count(*)::int AS n FROM agent_call_events WHERE sid = $1 AND source = 'livekit'
         AND event_id = ANY($2::text[])`,
      [call.sid, ids],
    );
    expect(rows[0].n).toBe(3);
  });

  test('only the callee (or the API key) reads a call; tokens are audio-only for the callee', async () => {
    const { alice, bob } = env.users;
    const call = await startedAgentCall(await callMeNow(env, alice));
    expect((await env.api(`/api/agent-calls/${call.sid}`, { as: bob })).status).toBe(403);
    const byKey = await fetch(`${env.url}/api/agent-calls/${call.sid}`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(byKey.status).toBe(200);
    const token = await env.api('/api/token', { as: alice, body: { room: call.room } });
    expect(token.status).toBe(200);
    const { decodeJwt } = await import('jose');
    expect(decodeJwt((await token.json()).token).video).toMatchObject({
      room: call.room,
      canPublishSources: ['microphone'],
    });
    expect((await env.api('/api/token', { as: bob, body: { room: call.room } })).status).toBe(403);
    const list = await (await env.api('/api/agent-calls', { as: alice })).json();
    expect(list.agentCalls.map((c: { sid: string }) => c.sid)).toContain(call.sid);
  });
});
