/**
 * Who reads which agent calls: a LINE user their own (listed and one by one), a backend with the
 * API key every one; a sid no call has is a 404. A call shows how many call backs are left.
 */
import { expect, test } from 'vitest';
import { API_KEY, callMeNow, dispatchWithApiKey } from '../support/agent-calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ env: { AGENT_API_KEY: API_KEY } });

const sidsIn = async (response: Response) =>
  ((await response.json()).agentCalls as { sid: string }[]).map((call) => call.sid);

test('a user lists their own agent calls; the API key lists everyone’s', async () => {
  const { alice, bob } = env.users;
  const toAlice = (await (await callMeNow(env, alice)).json()).agentCall.sid;
  const toBob = (await (await dispatchWithApiKey(env, { to: { lineUserId: bob.userId } })).json())
    .agentCall.sid;
  expect(await sidsIn(await env.api('/api/agent-calls', { as: alice }))).toEqual([toAlice]);
  const all = await fetch(`${env.url}/api/agent-calls`, {
    headers: { authorization: `Bearer ${API_KEY}` },
  });
  expect(await sidsIn(all)).toEqual([toBob, toAlice]);
});

test('one agent call: its callee reads it with the call backs left; others get 403, unknown sids 404', async () => {
  const { alice, carol } = env.users;
  const response = await dispatchWithApiKey(env, { to: { lineUserId: carol.userId } });
  const { sid } = (await response.json()).agentCall;

  const mine = await env.api(`/api/agent-calls/${sid}`, { as: carol });
  expect((await mine.json()).agentCall).toMatchObject({ sid, attempt: 1, retriesLeft: 3 });
  await env.db.query('UPDATE agent_call_sessions SET retry_count = 3 WHERE sid = $1', [sid]);
  const lastRetry = await env.api(`/api/agent-calls/${sid}`, { as: carol });
  expect((await lastRetry.json()).agentCall).toMatchObject({ attempt: 4, retriesLeft: 0 });

  const theirs = await env.api(`/api/agent-calls/${sid}`, { as: alice });
  expect(theirs.status).toBe(403);
  expect((await theirs.json()).error.code).toBe('not_your_call');
  const nobody = await env.api('/api/agent-calls/ac_no_such_call', { as: alice });
  expect(nobody.status).toBe(404);
  expect((await nobody.json()).error.code).toBe('agent_call_not_found');
});
