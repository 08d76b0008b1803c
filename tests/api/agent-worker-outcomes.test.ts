/**
 * The outcome the agent worker reports: the first one wins (also two at once), "call me later"
 * schedules a call back through the callee's own retry path (once, however often it is
 * reported; none past the limit or for a phone), and the call's views show it.
 */
import { describe, expect, test } from 'vitest';
import {
  agentCallOf,
  callMeNow,
  dispatchWithApiKey,
  pushedTexts,
  sessionsOf,
  startedAgentCall,
  workerReport,
} from '../support/agent-calls';
import { useAgentCallTestEnvironment } from '../support/use-test-environment';

const env = useAgentCallTestEnvironment({ signIn: ['alice', 'bob'] });

const at = '2026-12-02T10:00:00.000Z';
const outcome = (sid: string, value: string) => ({ type: 'outcome', sid, outcome: value, at });
const report = async (sid: string, value: string) => {
  const response = await workerReport(env, outcome(sid, value));
  expect(response.status).toBe(200);
  return response.json();
};
const retryRows = async (sid: string) =>
  (
    await env.db.query(
      `SELECT retry_attempt, status FROM agent_call_retry_queue WHERE original_sid = $1`,
      [sid],
    )
  ).rows;

describe('first wins', () => {
  test('a later report answers the recorded outcome and changes nothing', async () => {
    const { sid } = await startedAgentCall(await callMeNow(env, env.users.alice));
    expect(await report(sid, 'confirmed')).toEqual({ outcome: 'confirmed' });
    expect(await report(sid, 'declined')).toEqual({ outcome: 'confirmed' });
    expect((await agentCallOf(env, sid)).outcome).toBe('confirmed');
  });

  test('two different reports at once: both answer the one recorded', async () => {
    const { sid } = await startedAgentCall(await callMeNow(env, env.users.alice));
    const answers = await Promise.all([report(sid, 'declined'), report(sid, 'completed')]);
    const { rows } = await env.db.query('SELECT outcome FROM agent_call_outcomes WHERE sid = $1', [
      sid,
    ]);
    expect(rows).toHaveLength(1);
    expect(answers).toEqual([{ outcome: rows[0].outcome }, { outcome: rows[0].outcome }]);
  });

  test("the list shows each call's outcome", async () => {
    const { alice } = env.users;
    const { sid } = await startedAgentCall(await callMeNow(env, alice));
    await report(sid, 'no_response');
    const list = await (await env.api('/api/agent-calls', { as: alice })).json();
    expect(list.agentCalls.find((c: { sid: string }) => c.sid === sid).outcome).toBe('no_response');
  });
});

describe('"call me later"', () => {
  test('schedules the next call back through the retry path, once, with the script kept', async () => {
    const { bob } = env.users;
    const { sid } = await startedAgentCall(
      await dispatchWithApiKey(env, { to: { lineUserId: bob.userId }, script: 'survey' }),
    );
    const first = await report(sid, 'call_back_later');
    expect(first).toMatchObject({
      outcome: 'call_back_later',
      retry: { attempt: 1, status: 'scheduled', delayMinutes: 5, newSid: null },
    });
    // Redelivered, or reported again: the same call back, not a second one.
    expect(await report(sid, 'call_back_later')).toEqual(first);
    expect(await retryRows(sid)).toEqual([{ retry_attempt: 1, status: 'scheduled' }]);
    expect(pushedTexts(env, bob).filter((t) => t.includes('約5分後'))).toHaveLength(1);

    await env.qstash.advance(5 * 60);
    const callBack = (await sessionsOf(env, bob)).at(-1)!;
    expect(callBack).toMatchObject({ retry_count: 1, original_sid: sid });
    const { rows } = await env.db.query('SELECT script FROM agent_call_sessions WHERE sid = $1', [
      callBack.sid,
    ]);
    expect(rows[0].script).toBe('survey');
    expect(JSON.parse(env.livekit.dispatches(`agent-${callBack.sid}`)[0]!.metadata)).toMatchObject({
      script: 'survey',
      retry_count: 1,
      original_session_id: sid,
    });
  });

  test('past the limit of three the outcome is recorded and no call back is made', async () => {
    const { alice } = env.users;
    const { sid } = await startedAgentCall(await callMeNow(env, alice));
    await env.db.query('UPDATE agent_call_sessions SET retry_count = 3 WHERE sid = $1', [sid]);
    expect(await report(sid, 'call_back_later')).toEqual({ outcome: 'call_back_later' });
    expect(await retryRows(sid)).toEqual([]);
    expect((await agentCallOf(env, sid)).outcome).toBe('call_back_later');
  });

  test('a phone callee has no LINE to be called back through: the outcome alone', async () => {
    const { sid } = await startedAgentCall(
      await dispatchWithApiKey(env, { to: { phone: '+819012345678' } }),
    );
    expect(await report(sid, 'call_back_later')).toEqual({ outcome: 'call_back_later' });
    expect(await retryRows(sid)).toEqual([]);
  });
});
