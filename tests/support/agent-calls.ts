/** Helpers for agent-call tests. */
import { ParticipantInfo } from 'livekit-server-sdk';
import { expect } from 'vitest';
import { DEV_AGENT_WORKER_KEY } from '../../api/_lib/config';
import type { DevUser } from '../../dev/dev-users';
import { participantIdentity } from './calls';
import type { TestEnvironment } from './test-environment';

export const API_KEY = 'test-agent-api-key-0123456789abcdef';

/** The agent side set up (`useTestEnvironment`'s `env`): the API key, an agent, a SIP trunk. */
export const AGENT_SETTINGS = {
  AGENT_API_KEY: API_KEY,
  LIVEKIT_AGENT_NAME: 'reminder-agent',
  LIVEKIT_SIP_TRUNK_ID: 'ST_test_trunk',
};

export async function callMeNow(env: TestEnvironment, user: DevUser, body: object = {}) {
  return env.api('/api/agent-calls', {
    as: user,
    body: { to: { lineUserId: user.userId }, ...body },
  });
}

export async function dispatchWithApiKey(env: TestEnvironment, body: object) {
  return fetch(`${env.url}/api/agent-calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify(body),
  });
}

/** The new agent call a start answered (201). */
export async function startedAgentCall(response: Response) {
  expect(response.status).toBe(201);
  return (await response.json()).agentCall as { sid: string; room: string; status: string };
}

/**
 * Before each test: every live agent call ended, every session moved two hours back, and LINE's
 * record of pushes emptied, so no callee is busy, no "call me now" counts toward the hourly limit
 * and no earlier push is counted.
 */
export async function clearEarlierAgentCalls(env: TestEnvironment): Promise<void> {
  await env.db.query(`UPDATE agent_call_sessions SET created_at = created_at - interval '2 hours',
    status = CASE WHEN status IN ('initiated', 'ringing', 'answered') THEN 'ended' ELSE status END`);
  env.line.reset();
}

export async function sessionOf(env: TestEnvironment, sid: string) {
  const { rows } = await env.db.query(
    `SELECT status, retry_count, original_sid, failure_reason, sip_status_code,
            timeout_notification_sent, duration_seconds
     FROM agent_call_sessions WHERE sid = $1`,
    [sid],
  );
  return rows[0];
}

/** Sessions of one callee, oldest first. */
export async function sessionsOf(env: TestEnvironment, user: DevUser) {
  const { rows } = await env.db.query(
    `SELECT sid, status, retry_count, original_sid FROM agent_call_sessions
     WHERE callee_user_id = $1 ORDER BY created_at, sid`,
    [user.userId],
  );
  return rows as {
    sid: string;
    status: string;
    retry_count: number;
    original_sid: string | null;
  }[];
}

/** The LINE messages pushed to a user, as plain text for matching. */
export function pushedTexts(env: TestEnvironment, user: DevUser): string[] {
  return env.line.pushes(user.userId).map((push) => JSON.stringify(push.messages));
}

export async function agentRoomEvent(
  env: TestEnvironment,
  event: 'participant_joined' | 'participant_left' | 'room_finished',
  sid: string,
  who?: DevUser | string,
  options: {
    id?: string;
    createdAt?: number;
    attributes?: Record<string, string>;
    kind?: ParticipantInfo['kind'];
  } = {},
) {
  const identity = who && (await participantIdentity(env, who));
  const delivery = await env.livekit.signWebhook({
    event,
    id: options.id ?? `EV_${Math.random().toString(36).slice(2)}`,
    createdAt: BigInt(options.createdAt ?? Math.floor(Date.now() / 1000)),
    room: { name: `agent-${sid}` },
    ...(identity
      ? { participant: { identity, attributes: options.attributes ?? {}, kind: options.kind } }
      : {}),
  });
  return fetch(`${env.url}/api/webhooks/livekit`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization: delivery.authorization },
    body: delivery.body,
  });
}

/** ParticipantInfo_Kind.AGENT (the SDK exports the message, not the enum): an agent's kind. */
export const AGENT_KIND = ParticipantInfo.fromJson({ kind: 'AGENT' }).kind;

/** The agent worker's report (POST /api/agent-worker) with the dev worker key, or `key`. */
export async function workerReport(
  env: TestEnvironment,
  body: unknown,
  key: string | null = DEV_AGENT_WORKER_KEY,
) {
  return fetch(`${env.url}/api/agent-worker`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The agent call as a backend reads it (GET /api/agent-calls/:sid with the API key). */
export async function agentCallOf(env: TestEnvironment, sid: string) {
  const response = await fetch(`${env.url}/api/agent-calls/${sid}`, {
    headers: { authorization: `Bearer ${API_KEY}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()).agentCall;
}
