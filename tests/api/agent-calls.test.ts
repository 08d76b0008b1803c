import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { resetConfig } from '../../api/_lib/config';
import {
  agentRoomEvent,
  API_KEY,
  callMeNow,
  dispatchWithApiKey,
  pushedTexts,
  sessionOf,
  sessionsOf,
} from '../support/agent-calls';
import { act, signIn, startedCallId } from '../support/calls';
import { startTestEnvironment, type TestEnvironment } from '../support/test-environment';

let env: TestEnvironment;
beforeAll(async () => {
  env = await startTestEnvironment();
  Object.assign(process.env, {
    AGENT_API_KEY: API_KEY,
    LIVEKIT_AGENT_NAME: 'reminder-agent',
    LIVEKIT_SIP_TRUNK_ID: 'ST_test_trunk',
  });
  resetConfig();
  await signIn(env, env.users.alice, env.users.bob, env.users.carol);
});
afterAll(() => env?.close());
beforeEach(async () => {
  // No earlier session or call keeps anyone busy.
  await env.db.query(`UPDATE agent_call_sessions SET created_at = created_at - interval '2 hours',
    status = CASE WHEN status IN ('initiated', 'ringing', 'answered') THEN 'ended' ELSE status END`);
  await env.db.query(`UPDATE calls SET status = 'ended'
    WHERE status IN ('initiated', 'ringing', 'accepted', 'connected')`);
  env.line.reset();
});

async function started(response: Response) {
  expect(response.status).toBe(201);
  return (await response.json()).agentCall as { sid: string; room: string; status: string };
}

describe('dispatch', () => {
  test('a dispatch: room, agent with snake_case metadata, push with Accept, 60 s time-out', async () => {
    const { bob } = env.users;
    const call = await started(
      await dispatchWithApiKey(env, {
        to: { lineUserId: bob.userId },
        context: { orderId: 'A-17', dueDate: '2026-12-01' },
      }),
    );
    expect(call).toMatchObject({ status: 'ringing', room: `agent-${call.sid}` });

    expect(env.livekit.rooms().map((room) => room.name)).toContain(call.room);
    const [dispatch] = env.livekit.dispatches(call.room);
    expect(dispatch).toMatchObject({ agentName: 'reminder-agent' });
    expect(JSON.parse(dispatch!.metadata)).toMatchObject({
      session_id: call.sid,
      callee: { type: 'line', line_user_id: bob.userId },
      language: 'ja',
      retry_count: 0,
      requested_by: 'backend',
      context: { order_id: 'A-17', due_date: '2026-12-01' },
    });

    const [push] = pushedTexts(env, bob);
    expect(push).toContain(`/agent-call/${call.sid}?autoAccept=1`);
    expect(push).toContain(`action=agent-not-now&sid=${call.sid}`);
    expect(push).toContain('60秒以内');

    const [job] = env.qstash.messages().filter((m) => m.body.includes(call.sid));
    expect(job).toMatchObject({
      url: `${env.url}/api/jobs/agent-ring-timeout`,
      deduplicationId: `agent-ring-timeout_${call.sid}`,
    });
    expect((job!.dueAt! - job!.createdAt) / 1000).toBe(60);
  });

  test('with no agent configured, the greeting audio plays into the room instead', async () => {
    Object.assign(process.env, { AGENT_GREETING_AUDIO_URL: 'https://cdn.example/greeting.mp3' });
    delete process.env.LIVEKIT_AGENT_NAME;
    resetConfig();
    try {
      const call = await started(await callMeNow(env, env.users.alice));
      expect(env.livekit.dispatches(call.room)).toHaveLength(0);
      expect(env.livekit.ingresses(call.room)).toMatchObject([
        { url: 'https://cdn.example/greeting.mp3', roomName: call.room },
      ]);
    } finally {
      process.env.LIVEKIT_AGENT_NAME = 'reminder-agent';
      delete process.env.AGENT_GREETING_AUDIO_URL;
      resetConfig();
    }
  });

  test('a LINE user may only call themselves; a backend with the API key may call anyone', async () => {
    const { alice, bob } = env.users;
    const toBob = await env.api('/api/agent-calls', {
      as: alice,
      body: { to: { lineUserId: bob.userId } },
    });
    expect(toBob.status).toBe(403);
    expect((await toBob.json()).error.code).toBe('only_to_self');
    const byBackend = await dispatchWithApiKey(env, { to: { lineUserId: bob.userId } });
    expect(byBackend.status).toBe(201);
    const wrongKey = await fetch(`${env.url}/api/agent-calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-key' },
      body: JSON.stringify({ to: { lineUserId: bob.userId } }),
    });
    expect(wrongKey.status).toBe(401);
  });

  test('LiveKit failing: 503 and the session is failed with the reason, no push, no time-out', async () => {
    const { carol } = env.users;
    env.livekit.failNext(503);
    const response = await callMeNow(env, carol);
    expect(response.status).toBe(503);
    const { error } = await response.json();
    expect(error.code).toBe('call_initiation_failed');
    expect(await sessionOf(env, error.sid)).toMatchObject({ status: 'failed' });
    expect((await sessionOf(env, error.sid)).failure_reason).toMatch(
      /LiveKit could not create the room/,
    );
    expect(env.line.pushes(carol.userId)).toHaveLength(0);
    expect(env.qstash.messages().filter((m) => m.body.includes(error.sid))).toHaveLength(0);
  });

  test.each([
    [{ to: {} }],
    [{ to: { lineUserId: 'bob' } }],
    [{ to: { lineUserId: `U${'a'.repeat(32)}`, phone: '+819012345678' } }],
    [{ to: { phone: '+81901234567' }, context: { x: 'y'.repeat(5000) } }],
    [{ to: { phone: '+81901234567' }, language: 'fr' }],
  ])('bad input %j → 400', async (body) => {
    const response = await dispatchWithApiKey(env, body);
    expect(response.status).toBe(400);
  });
});

describe('the missed agent call, called again', () => {
  test('no answer → one missed push → "call me again" → second call → answered → ended', async () => {
    const { alice } = env.users;
    const first = await started(await callMeNow(env, alice));

    env.qstash.duplicateNextDelivery();
    await env.qstash.advance(60);
    expect(await sessionOf(env, first.sid)).toMatchObject({
      status: 'missed',
      timeout_notification_sent: true,
    });
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(first.room);
    const missed = pushedTexts(env, alice).filter((text) => text.includes('missed a call'));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toContain(`action=agent-retry&sid=${first.sid}`);

    // Alice taps "Call me in 5 min" in LINE; LINE delivers the postback twice.
    const data = `action=agent-retry&sid=${first.sid}`;
    await env.line.postback(alice.userId, data);
    await env.line.postback(alice.userId, data);
    expect(pushedTexts(env, alice).filter((t) => t.includes('about 5 minutes'))).toHaveLength(1);

    await env.qstash.advance(299);
    expect(await sessionsOf(env, alice)).toHaveLength(1 + priorSessions(alice));
    env.qstash.duplicateNextDelivery();
    await env.qstash.advance(1);
    const second = (await sessionsOf(env, alice)).at(-1)!;
    expect(second).toMatchObject({ status: 'ringing', retry_count: 1, original_sid: first.sid });
    expect((await sessionsOf(env, alice)).filter((s) => s.original_sid === first.sid)).toHaveLength(
      1,
    );

    const t = Math.floor(Date.now() / 1000);
    await agentRoomEvent(env, 'participant_joined', second.sid, alice, { createdAt: t });
    expect(await sessionOf(env, second.sid)).toMatchObject({ status: 'answered' });
    await agentRoomEvent(env, 'participant_left', second.sid, alice, { createdAt: t + 30 });
    expect(await sessionOf(env, second.sid)).toMatchObject({ status: 'ended' });

    const view = await (await env.api(`/api/agent-calls/${first.sid}`, { as: alice })).json();
    expect(view.agentCall).toMatchObject({
      status: 'missed',
      attempt: 1,
      retries: [{ attempt: 1, status: 'executed', newSid: second.sid }],
    });
  });

  test('three misses use up the retries: the 4th "call me again" is refused', async () => {
    const { carol } = env.users;
    let current = await started(await callMeNow(env, carol));
    for (let attempt = 1; attempt <= 3; attempt++) {
      await env.qstash.advance(60);
      const retry = await env.api(`/api/agent-calls/${current.sid}`, {
        as: carol,
        body: { action: 'schedule-retry' },
      });
      expect(retry.status).toBe(200);
      await env.qstash.advance([300, 900, 1800][attempt - 1]!);
      const latest = (await sessionsOf(env, carol)).at(-1)!;
      expect(latest).toMatchObject({ retry_count: attempt, status: 'ringing' });
      current = { ...current, sid: latest.sid };
    }
    await env.qstash.advance(60);
    const lastMissed = pushedTexts(env, carol).at(-1)!; // the notice for the 3rd retry
    expect(lastMissed).toContain('คุณมีสายที่ไม่ได้รับ'); // Carol's LINE is in Thai
    expect(lastMissed).not.toContain('agent-retry');
    const fourth = await env.api(`/api/agent-calls/${current.sid}`, {
      as: carol,
      body: { action: 'schedule-retry' },
    });
    expect(fourth.status).toBe(409);
    expect((await fourth.json()).error.code).toBe('retry_limit');
  });

  test('a retry that finds the user on a call waits 2 minutes, twice, then gives up and says so', async () => {
    const { bob, carol } = env.users;
    const first = await started(await callMeNow(env, bob));
    await env.qstash.advance(60);
    await env.api(`/api/agent-calls/${first.sid}`, { as: bob, body: { action: 'schedule-retry' } });
    // Bob is now on a 1:1 call (answered, so its own ring time-out leaves it live).
    const callId = await startedCallId(env, carol, bob);
    await act(env, bob, callId, 'accept');
    await env.qstash.advance(300);
    await env.qstash.advance(120);
    await env.qstash.advance(120);
    const { rows } = await env.db.query(
      `SELECT status, postponed_count FROM agent_call_retry_queue WHERE original_sid = $1`,
      [first.sid],
    );
    expect(rows).toEqual([{ status: 'gave_up', postponed_count: 2 }]);
    expect(pushedTexts(env, bob).filter((t) => t.includes('通話中'))).toHaveLength(1);
    expect((await sessionsOf(env, bob)).filter((s) => s.original_sid === first.sid)).toHaveLength(
      0,
    );
  });

  test('"Not now" cancels the ringing call and closes its room', async () => {
    const { alice } = env.users;
    const call = await started(await callMeNow(env, alice));
    await env.line.postback(alice.userId, `action=agent-not-now&sid=${call.sid}`);
    expect(await sessionOf(env, call.sid)).toMatchObject({ status: 'canceled' });
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(call.room);
    await env.qstash.advance(60);
    expect(pushedTexts(env, alice).filter((t) => t.includes('missed a call'))).toHaveLength(0);
  });
});

describe('webhooks and access', () => {
  test('each event 3 times in shuffled order: same final state, one audit row each', async () => {
    const { bob } = env.users;
    const call = await started(await callMeNow(env, bob));
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
      `SELECT count(*)::int AS n FROM agent_call_events WHERE sid = $1 AND source = 'livekit'`,
      [call.sid],
    );
    expect(rows[0].n).toBe(3);
  });

  test('only the callee (or the API key) reads a call; tokens are audio-only for the callee', async () => {
    const { alice, bob } = env.users;
    const call = await started(await callMeNow(env, alice));
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

describe('phone targets', () => {
  const dial = (phone: string) =>
    dispatchWithApiKey(env, { to: { phone }, context: { orderId: 7 } });
  /** The start answers `ringing`; the dial-out job (due at once) dials and records the outcome. */
  const dialled = async (response: Response) => {
    const call = await started(response);
    expect(call.status).toBe('ringing');
    await env.qstash.deliverDue();
    return { ...call, ...(await sessionOf(env, call.sid)) };
  };

  test('a valid number, written loosely, is normalised and dialled; answered when it picks up', async () => {
    const call = await dialled(await dial('+81 90-1234-5678'));
    expect(call).toMatchObject({ status: 'answered', to: { phone: '+819012345678' } });
    const [sip] = env.livekit.calls('CreateSIPParticipant');
    expect(sip!.body).toMatchObject({
      sipTrunkId: 'ST_test_trunk',
      sipCallTo: '+819012345678',
      roomName: call.room,
      participantIdentity: `sip-${call.sid}`,
    });
  });

  test.each([['090-1234-5678'], ['+0123'], ['call me'], ['+81 90 1234 5678 9999 12']])(
    '%j is refused with a clear 400',
    async (phone) => {
      const response = await dial(phone);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_phone_number');
    },
  );

  test('busy (SIP 486) → busy', async () => {
    env.livekit.sipOutcome('+819011110000', 'busy');
    const call = await dialled(await dial('+819011110000'));
    expect(call).toMatchObject({ status: 'busy', sip_status_code: '486' });
  });

  test('no answer (the SIP ringing time-out) → missed', async () => {
    env.livekit.sipOutcome('+819022220000', 'no-answer');
    const call = await dialled(await dial('+819022220000'));
    expect(call.status).toBe('missed');
  });

  test('another SIP failure → failed, with the SIP status kept', async () => {
    env.livekit.sipOutcome('+819033330000', { sipStatusCode: 404, sipStatus: 'Not Found' });
    const call = await dialled(await dial('+819033330000'));
    expect(call).toMatchObject({ status: 'failed', sip_status_code: '404' });
    expect(call.failure_reason).toContain('SIP 404');
  });
});

let baseline = new Map<string, number>();
function priorSessions(user: { userId: string }): number {
  return baseline.get(user.userId) ?? 0;
}
beforeEach(async () => {
  const { rows } = await env.db.query(
    `SELECT callee_user_id, count(*)::int AS n FROM agent_call_sessions GROUP BY callee_user_id`,
  );
  baseline = new Map(rows.map((row) => [row.callee_user_id, row.n]));
});
