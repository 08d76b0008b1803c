/**
 * Listening in: an operator gets a hidden, listen-only LiveKit token for a live campaign call's
 * room under an identity of its own; admins may listen to any agent call; a call that is over is
 * 409 and an unknown one 404.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { campaignWithLeads, makeOperator } from '../support/campaign-calls';
import { callAction, grantOf, liveAgentCall } from '../support/operator-calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

let leadId: number;

beforeAll(async () => {
  await makeOperator(env, env.users.bob);
  const campaign = await campaignWithLeads(env, env.users.alice, 'phone\n090-2222-0001');
  leadId = campaign.leadIds[0]!;
});

describe('who may listen', () => {
  test('no login → 401; not an operator → 403; an unknown call → 404', async () => {
    const { sid } = await liveAgentCall(env, { answered: true, leadId });
    const anonymous = await env.api(`/api/console/calls/${sid}/listen`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    const stranger = await callAction(env, sid, 'listen', env.users.carol);
    expect(stranger.status).toBe(403);
    const unknown = await callAction(env, 'AC_no_such_call', 'listen');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('call_not_found');
    const malformed = await callAction(env, '%E0%A4%A', 'listen');
    expect(malformed.status).toBe(404);
    expect((await env.api(`/api/console/calls/${sid}/listen`, { as: env.users.bob })).status).toBe(
      405,
    );
  });

  test('a call outside campaigns: an operator 403, an admin may', async () => {
    const { sid } = await liveAgentCall(env, { answered: true });
    const operator = await callAction(env, sid, 'listen');
    expect(operator.status).toBe(403);
    expect((await operator.json()).error.code).toBe('not_a_campaign_call');
    expect((await callAction(env, sid, 'listen', env.users.alice)).status).toBe(200);
  });
});

describe('the listening token', () => {
  test('hidden, subscribes only, for the call’s room, under an operator identity', async () => {
    const { sid, room } = await liveAgentCall(env, { answered: false, leadId });
    const response = await callAction(env, sid, 'listen');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({ token: expect.any(String), serverUrl: expect.any(String), room });
    const { identity, video } = grantOf(body.token);
    expect(identity).toMatch(/^operator-[0-9a-f]{32}$/);
    expect(video).toMatchObject({
      room,
      roomJoin: true,
      hidden: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
      roomAdmin: false,
    });
    const again = grantOf((await (await callAction(env, sid, 'listen')).json()).token);
    expect(again.identity).not.toBe(identity);
  });

  test('a call that is over → 409 with its state', async () => {
    const { sid } = await liveAgentCall(env, { answered: true, leadId });
    await env.db.query(`UPDATE agent_call_sessions SET status = 'ended' WHERE sid = $1`, [sid]);
    const response = await callAction(env, sid, 'listen');
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({ code: 'call_over', status: 'ended' });
  });
});
