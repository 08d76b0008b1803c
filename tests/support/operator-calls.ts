/** Live agent calls for the console's listen-in, take-over and hang-up tests. */
import { decodeJwt } from 'jose';
import { agentRoomEvent, callMeNow } from './agent-calls';
import { syntheticUsers } from './synthetic-users';
import type { TestEnvironment } from './test-environment';

let calls = 0;

/**
 * A "call me now" call to a new user, so the stand-in has its room, its dispatch and the agent's
 * participant in it; answered when asked; made a campaign's attempt at `leadId` when given.
 */
export async function liveAgentCall(
  env: TestEnvironment,
  options: { answered: boolean; leadId?: number },
): Promise<{ sid: string; room: string }> {
  const [user] = await syntheticUsers(env, `operator-calls-${++calls}`, 1);
  const { sid, room } = (await (await callMeNow(env, user!)).json()).agentCall;
  if (options.answered) await agentRoomEvent(env, 'participant_joined', sid, user);
  if (options.leadId !== undefined) {
    await env.db.query(
      `UPDATE agent_call_sessions SET campaign_lead_id = $2, campaign_attempt = $3 WHERE sid = $1`,
      [sid, options.leadId, calls],
    );
  }
  return { sid, room };
}

export const callAction = (
  env: TestEnvironment,
  sid: string,
  action: 'listen' | 'take-over' | 'hang-up',
  as = env.users.bob,
) => env.api(`/api/console/calls/${sid}/${action}`, { as, method: 'POST' });

/** The identity and video grant of a LiveKit token. */
export function grantOf(token: string) {
  const claims = decodeJwt(token);
  return { identity: claims.sub, video: claims.video as Record<string, unknown> };
}

export async function statusOf(env: TestEnvironment, sid: string): Promise<string> {
  const { rows } = await env.db.query('SELECT status FROM agent_call_sessions WHERE sid = $1', [
    sid,
  ]);
  return rows[0].status;
}
