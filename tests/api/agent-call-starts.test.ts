/**
 * Starting an agent call, as the room and the trail show it: the room carries the session id for
 * the agent, the agent or else the greeting comes in (or nobody, with neither configured), a
 * callee who blocked the LINE account is refused before anything is made, and the trail records
 * the system's own events.
 */
import { expect, test } from 'vitest';
import { API_KEY, callMeNow, dispatchWithApiKey } from '../support/agent-calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ env: { AGENT_API_KEY: API_KEY } });

async function trailOf(sid: string) {
  const { rows } = await env.db.query(
    `SELECT type, source, to_status FROM agent_call_events WHERE sid = $1 ORDER BY id`,
    [sid],
  );
  return rows;
}

test('with neither an agent nor a greeting configured, the room opens with the session id and rings', async () => {
  const [user] = await syntheticUsers(env, 'start-bare', 1);
  const response = await callMeNow(env, user!);
  expect(response.status).toBe(201);
  const { sid, room } = (await response.json()).agentCall;
  const [created] = env.livekit.rooms().filter((r) => r.name === room);
  expect(JSON.parse(created!.metadata)).toEqual({ sid });
  expect(env.livekit.dispatches(room)).toHaveLength(0);
  expect(env.livekit.ingresses(room)).toHaveLength(0);
  expect(await trailOf(sid)).toEqual([{ type: 'ring', source: 'system', to_status: 'ringing' }]);
});

test('a start LiveKit refuses is failed by the system, in the trail too', async () => {
  const [user] = await syntheticUsers(env, 'start-livekit-down', 1);
  env.livekit.failNext(503);
  const response = await callMeNow(env, user!);
  expect(response.status).toBe(503);
  const { sid } = (await response.json()).error;
  expect(await trailOf(sid)).toEqual([{ type: 'fail', source: 'system', to_status: 'failed' }]);
});

test('a callee who blocked the LINE account: 409 callee_unreachable, and no call is made', async () => {
  const [user] = await syntheticUsers(env, 'start-blocked', 1);
  await env.db.query('UPDATE users SET can_receive_push = false WHERE line_user_id = $1', [
    user!.userId,
  ]);
  const response = await dispatchWithApiKey(env, { to: { lineUserId: user!.userId } });
  expect(response.status).toBe(409);
  expect((await response.json()).error.code).toBe('callee_unreachable');
  const { rows } = await env.db.query(
    'SELECT count(*)::int AS n FROM agent_call_sessions WHERE callee_user_id = $1',
    [user!.userId],
  );
  expect(rows[0].n).toBe(0);
  expect(env.line.pushes(user!.userId)).toHaveLength(0);
});
