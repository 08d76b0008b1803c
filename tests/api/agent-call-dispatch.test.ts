/**
 * Starting an agent call: for a LINE user (the room, the agent and what it is told, the ring, its
 * time-out), the default agent and the script it is told, LiveKit failing, and for a phone number dialled by SIP.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_AGENT_NAME, resetConfig } from '../../api/_lib/config';
import {
  callMeNow,
  dispatchWithApiKey,
  pushedTexts,
  sessionOf,
  startedAgentCall,
} from '../support/agent-calls';
import { useAgentCallTestEnvironment } from '../support/use-test-environment';

const env = useAgentCallTestEnvironment();

describe('dispatch', () => {
  test('a dispatch: room, agent with snake_case metadata, push with Accept, 20 s agent check, 60 s time-out', async () => {
    const { bob } = env.users;
    const call = await startedAgentCall(
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

    const [check, job] = env.qstash.messages().filter((m) => m.body.includes(call.sid));
    expect(check).toMatchObject({
      url: `${env.url}/api/jobs/agent-join-check`,
      deduplicationId: `agent-join-check_${call.sid}`,
    });
    expect((check!.dueAt! - check!.createdAt) / 1000).toBe(20);
    expect(job).toMatchObject({
      url: `${env.url}/api/jobs/agent-ring-timeout`,
      deduplicationId: `agent-ring-timeout_${call.sid}`,
    });
    expect((job!.dueAt! - job!.createdAt) / 1000).toBe(60);
  });

  test('with no agent name configured, the default agent is dispatched: reminder, by name', async () => {
    delete process.env.LIVEKIT_AGENT_NAME;
    resetConfig();
    try {
      const { alice } = env.users;
      const call = await startedAgentCall(await callMeNow(env, alice));
      const [dispatch] = env.livekit.dispatches(call.room);
      expect(dispatch).toMatchObject({ agentName: DEFAULT_AGENT_NAME });
      expect(DEFAULT_AGENT_NAME).toBe('liff-calls-agent');
      expect(JSON.parse(dispatch!.metadata)).toMatchObject({
        script: 'reminder',
        callee_name: alice.displayName,
        requested_by: 'user',
      });
      // No URL ingress any more: a plain livekit-server has none.
      expect(env.livekit.ingresses(call.room)).toHaveLength(0);
    } finally {
      process.env.LIVEKIT_AGENT_NAME = 'reminder-agent';
      resetConfig();
    }
  });

  test('a backend picks the script, kept with the session; a user may not pick one', async () => {
    const { bob, carol } = env.users;
    const call = await startedAgentCall(
      await dispatchWithApiKey(env, { to: { lineUserId: bob.userId }, script: 'survey' }),
    );
    expect(JSON.parse(env.livekit.dispatches(call.room)[0]!.metadata).script).toBe('survey');
    const { rows } = await env.db.query('SELECT script FROM agent_call_sessions WHERE sid = $1', [
      call.sid,
    ]);
    expect(rows[0].script).toBe('survey');

    const unknown = await dispatchWithApiKey(env, {
      to: { lineUserId: carol.userId },
      script: 'sales-pitch',
    });
    expect(unknown.status).toBe(400);
    const byUser = await callMeNow(env, carol, { script: 'survey' });
    expect(byUser.status).toBe(400);
    expect((await byUser.json()).error.code).toBe('script_not_allowed');
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

describe('phone targets', () => {
  const dial = (phone: string) =>
    dispatchWithApiKey(env, { to: { phone }, context: { orderId: 7 } });
  /** The start answers `ringing`; the dial-out job (due at once) dials and records the outcome. */
  const dialled = async (response: Response) => {
    const call = await startedAgentCall(response);
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
