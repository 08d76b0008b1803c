/**
 * What LiveKit's events of an `agent-<sid>` room do to the agent call, as the webhook answers
 * them: the callee joining answers it (a phone's SIP participant only once its call is active),
 * their leave or the room closing ends it; events about anything else, and rooms of agent calls
 * that do not exist, are acknowledged and change nothing.
 */
import { describe, expect, test } from 'vitest';
import {
  agentRoomEvent,
  API_KEY,
  callMeNow,
  dispatchWithApiKey,
  sessionOf,
} from '../support/agent-calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({
  env: { AGENT_API_KEY: API_KEY, LIVEKIT_SIP_TRUNK_ID: 'ST_test_trunk' },
});

async function ringingLineCall(tag: string) {
  const [user] = await syntheticUsers(env, tag, 1);
  const { sid } = (await (await callMeNow(env, user!)).json()).agentCall;
  return { user: user!, sid: sid as string };
}

/** A phone call ringing, its dial claimed by a job that has not recorded the outcome. */
async function ringingPhoneCall(phone: string) {
  const { sid } = (await (await dispatchWithApiKey(env, { to: { phone } })).json()).agentCall;
  await env.db.query('UPDATE agent_call_sessions SET dial_started_at = now() WHERE sid = $1', [
    sid,
  ]);
  return sid as string;
}

async function answerOf(response: Response) {
  return { status: response.status, body: await response.json() };
}

describe('the LINE callee', () => {
  test('joining answers the call, as of LiveKit’s time; the trail names who joined', async () => {
    const { user, sid } = await ringingLineCall('room-events-join');
    const joinedAt = Math.floor(Date.now() / 1000) - 7;
    const joined = await agentRoomEvent(env, 'participant_joined', sid, user, {
      id: `EV_join_${sid}`,
      createdAt: joinedAt,
    });
    expect(await answerOf(joined)).toEqual({
      status: 200,
      body: { ok: true, handled: true, status: 'answered' },
    });
    const view = await (await env.api(`/api/agent-calls/${sid}`, { as: user })).json();
    expect(view.agentCall.answeredAt).toBe(new Date(joinedAt * 1000).toISOString());
    const { rows } = await env.db.query(
      `SELECT data->>'identity' AS identity FROM agent_call_events WHERE event_id = $1`,
      [`EV_join_${sid}`],
    );
    expect(rows).toEqual([{ identity: await env.roomIdentityOf(user) }]);
  });

  test('the room closing after the answer ends the call', async () => {
    const { user, sid } = await ringingLineCall('room-events-closed');
    await agentRoomEvent(env, 'participant_joined', sid, user);
    expect(await answerOf(await agentRoomEvent(env, 'room_finished', sid))).toEqual({
      status: 200,
      body: { ok: true, handled: true, status: 'ended' },
    });
    expect(await sessionOf(env, sid)).toMatchObject({ status: 'ended', failure_reason: null });
  });
});

describe('a phone callee', () => {
  test('the SIP participant joining while the phone still rings answers nothing; once active, it does', async () => {
    const sid = await ringingPhoneCall('+819012120000');
    const ringing = await agentRoomEvent(env, 'participant_joined', sid, `sip-${sid}`, {
      attributes: { 'sip.callStatus': 'ringing' },
    });
    expect((await answerOf(ringing)).body).toMatchObject({ handled: true, status: 'ringing' });
    const active = await agentRoomEvent(env, 'participant_joined', sid, `sip-${sid}`, {
      attributes: { 'sip.callStatus': 'active' },
    });
    expect((await answerOf(active)).body).toMatchObject({ handled: true, status: 'answered' });
  });

  test('the SIP participant leaving while it rings (the phone hung up) ends the call', async () => {
    const sid = await ringingPhoneCall('+819012130000');
    const left = await agentRoomEvent(env, 'participant_left', sid, `sip-${sid}`, {
      attributes: { 'sip.callStatus': 'hangup' },
    });
    expect((await answerOf(left)).body).toMatchObject({ handled: true, status: 'ended' });
  });
});

describe('events that change no agent call', () => {
  test('an event about tracks is acknowledged and ignored', async () => {
    const { user, sid } = await ringingLineCall('room-events-track');
    const delivery = await env.livekit.signWebhook({
      event: 'track_published',
      id: `EV_track_${sid}`,
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
      room: { name: `agent-${sid}` },
      participant: { identity: await env.roomIdentityOf(user) },
    });
    const response = await fetch(`${env.url}/api/webhooks/livekit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/webhook+json',
        authorization: delivery.authorization,
      },
      body: delivery.body,
    });
    expect(await answerOf(response)).toEqual({
      status: 200,
      body: { ok: true, handled: false, note: 'ignored track_published' },
    });
    expect(await sessionOf(env, sid)).toMatchObject({ status: 'ringing' });
  });

  test('an event of an agent room whose call does not exist is acknowledged', async () => {
    expect(await answerOf(await agentRoomEvent(env, 'room_finished', 'ac_nobody_at_all'))).toEqual({
      status: 200,
      body: { ok: true, handled: false, note: 'unknown agent call' },
    });
  });
});
