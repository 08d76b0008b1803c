/**
 * Agent-call limits and what reaches the agent (docs/decisions.md): one live call per callee, an
 * hourly limit on "call me now", no free-form context from a LIFF user, `requested_by` in the
 * dispatch metadata, and retries that keep the original's context.
 */
import { describe, expect, test } from 'vitest';
import { SELF_CALLS_PER_HOUR } from '../../api/_lib/db/agent-call-sessions';
import { callMeNow, dispatchWithApiKey, sessionsOf } from '../support/agent-calls';
import { useAgentCallTestEnvironment } from '../support/use-test-environment';

const env = useAgentCallTestEnvironment();

const metadataOf = (room: string) => JSON.parse(env.livekit.dispatches(room)[0]!.metadata);
const endLiveSessions = () =>
  env.db.query(`UPDATE agent_call_sessions SET status = 'ended'
    WHERE status IN ('initiated', 'ringing', 'answered')`);

describe('what a LIFF user can hand the agent', () => {
  test('"call me now" with a context → 400; without, the agent sees requested_by user and no context', async () => {
    const { alice } = env.users;
    const withContext = await callMeNow(env, alice, { context: { orderId: 'someone-else' } });
    expect(withContext.status).toBe(400);
    expect((await withContext.json()).error.code).toBe('context_not_allowed');
    const response = await callMeNow(env, alice);
    expect(response.status).toBe(201);
    const { agentCall } = await response.json();
    expect(metadataOf(agentCall.room)).toMatchObject({ requested_by: 'user', context: {} });
  });

  test('a retry keeps the original context and who supplied it', async () => {
    const { bob } = env.users;
    const first = await dispatchWithApiKey(env, {
      to: { lineUserId: bob.userId },
      context: { orderId: 'A-17' },
    });
    const { agentCall } = await first.json();
    await env.qstash.advance(60); // missed
    const retry = await env.api(`/api/agent-calls/${agentCall.sid}`, {
      as: bob,
      body: { action: 'schedule-retry' },
    });
    expect(retry.status).toBe(200);
    await env.qstash.advance(300);
    const second = (await sessionsOf(env, bob)).at(-1)!;
    expect(second).toMatchObject({ retry_count: 1, original_sid: agentCall.sid });
    expect(metadataOf(`agent-${second.sid}`)).toMatchObject({
      requested_by: 'backend',
      context: { order_id: 'A-17' },
    });
  });
});

describe('one live agent call per callee', () => {
  test('a second "call me now" while one is live → 409 with the live call, no second push', async () => {
    const { carol } = env.users;
    const first = (await (await callMeNow(env, carol)).json()).agentCall;
    const second = await callMeNow(env, carol);
    expect(second.status).toBe(409);
    expect((await second.json()).error).toMatchObject({
      code: 'agent_call_in_progress',
      agentCall: { sid: first.sid, status: 'ringing' },
    });
    expect(env.line.pushes(carol.userId)).toHaveLength(1);
  });

  test.each([
    ['a LINE user', { lineUserId: `U${'c'.repeat(32)}` }],
    ['a phone number', { phone: '+819011112222' }],
  ])('a backend dispatching twice to %s → 409 with the live session', async (_what, to) => {
    const first = await dispatchWithApiKey(env, { to });
    expect(first.status).toBe(201);
    const { agentCall } = await first.json();
    const second = await dispatchWithApiKey(env, { to });
    expect(second.status).toBe(409);
    expect((await second.json()).error).toMatchObject({
      code: 'agent_call_in_progress',
      agentCall: { sid: agentCall.sid },
    });
  });
});

describe('the hourly limit on "call me now"', () => {
  test(`the ${SELF_CALLS_PER_HOUR}th request of the hour is allowed, the next refused with 429`, async () => {
    const { alice } = env.users;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i <= SELF_CALLS_PER_HOUR; i++) {
      last = await callMeNow(env, alice);
      statuses.push(last.status);
      await endLiveSessions();
    }
    expect(statuses).toEqual([...Array(SELF_CALLS_PER_HOUR).fill(201), 429]);
    expect((await last!.json()).error.code).toBe('too_many_agent_calls');
  });
});
