/** Helpers for 1:1 call tests: start calls, read state, send signed LiveKit webhooks. */
import { randomUUID } from 'node:crypto';
import type { DevUser } from '../../dev/dev-users';
import type { TestEnvironment } from './test-environment';

export async function signIn(env: TestEnvironment, ...users: DevUser[]): Promise<void> {
  for (const user of users) await env.api('/api/calls', { as: user });
}

/** Rings `callee` by their contact id (a string: a contact id as it is, known or not). */
export async function startCall(
  env: TestEnvironment,
  caller: DevUser,
  callee: DevUser | string,
  options: { media?: 'video' | 'audio'; key?: string } = {},
): Promise<Response> {
  const calleeContactId = typeof callee === 'string' ? callee : await env.contactIdOf(callee);
  return env.api('/api/calls', {
    as: caller,
    body: { calleeContactId, media: options.media ?? 'video' },
    headers: { 'idempotency-key': options.key ?? randomUUID() },
  });
}

/**
 * Before each test: every live call ended (each pair is free again), every call moved two hours
 * back (no start counts toward the hourly limit), and LINE's record of pushes and queued faults
 * emptied, so no test meets a 409, a 429 or a push an earlier one left.
 */
export async function clearEarlierCalls(env: TestEnvironment): Promise<void> {
  await env.db.query(`UPDATE calls SET created_at = created_at - interval '2 hours',
    status = CASE WHEN status IN ('initiated', 'ringing', 'accepted', 'connected') THEN 'ended'
             ELSE status END`);
  env.line.reset();
}

export async function startedCallId(env: TestEnvironment, caller: DevUser, callee: DevUser) {
  const response = await startCall(env, caller, callee);
  if (response.status !== 201) throw new Error(`start failed: ${await response.text()}`);
  return ((await response.json()) as { call: { id: string } }).call.id;
}

export async function act(env: TestEnvironment, user: DevUser, callId: string, action: string) {
  return env.api(`/api/calls/${callId}`, { as: user, body: { action } });
}

export async function statusOf(env: TestEnvironment, callId: string): Promise<string> {
  const { rows } = await env.db.query('SELECT status FROM calls WHERE id = $1', [callId]);
  return rows[0]?.status;
}

type LivekitEventName = 'participant_joined' | 'participant_left' | 'room_finished';

/**
 * Who a webhook is about: a user (by the room identity their tokens carry) or a raw identity (a
 * phone's `sip-<sid>`, a stranger's).
 */
export async function participantIdentity(env: TestEnvironment, who: DevUser | string) {
  return typeof who === 'string' ? who : env.roomIdentityOf(who);
}

/** A LiveKit webhook for a call room, signed as LiveKit signs it. */
export async function livekitEvent(
  env: TestEnvironment,
  event: LivekitEventName,
  callId: string,
  who?: DevUser | string,
  options: { id?: string; hidden?: boolean; createdAt?: number; disconnectReason?: number } = {},
) {
  const identity = who && (await participantIdentity(env, who));
  return env.livekit.signWebhook({
    event,
    id: options.id ?? `EV_${randomUUID()}`,
    createdAt: BigInt(options.createdAt ?? Math.floor(Date.now() / 1000)),
    room: { name: `call-${callId}`, sid: `RM_${callId}` },
    ...(identity
      ? {
          participant: {
            identity,
            sid: `PA_${identity}`,
            permission: { hidden: options.hidden ?? false },
            disconnectReason: options.disconnectReason ?? 0,
          },
        }
      : {}),
  });
}

export async function sendLivekitWebhook(
  env: TestEnvironment,
  delivery: { body: string; authorization: string },
): Promise<Response> {
  return fetch(`${env.url}/api/webhooks/livekit`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization: delivery.authorization },
    body: delivery.body,
  });
}
