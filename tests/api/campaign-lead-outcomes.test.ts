/**
 * A lead follows the agent call of its attempt: answered → in_call; the agent's outcome → done
 * with it; missed or busy → retried by the campaign's policy (after its delay, one attempt more
 * each time) until its attempts are spent; a failed call → failed; a callee already on another
 * agent call → busy. A canceled campaign retries nobody, and a move that was cut off is replayed
 * by the next step.
 */
import { describe, expect, test } from 'vitest';
import { agentRingTimeout } from '../../api/_lib/agent-calls/agent-ring-timeout';
import { applyToSession } from '../../api/_lib/agent-calls/apply-to-session';
import type { AgentCallEvent } from '../../api/_lib/domain/agent-call-lifecycle';
import { AGENT_SETTINGS, dispatchWithApiKey, workerReport } from '../support/agent-calls';
import {
  attemptSessions,
  leadStates,
  MONDAY_NOON_TOKYO,
  phoneLeads,
  runningCampaign,
  stepAt,
} from '../support/campaign-dispatch';
import { campaignAction } from '../support/campaigns';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'], env: AGENT_SETTINGS });
const NO_ANSWER_TWICE = {
  retry: { outcomes: ['no_answer', 'busy'], delayMinutes: 30, maxAttempts: 2 },
};

/** Starts a campaign of `count` phone leads and dials them; the sessions, in lead order. */
async function dialled(count: number, first: number, settings: Record<string, unknown> = {}) {
  const id = await runningCampaign(env, phoneLeads(count, first), settings);
  await stepAt(id, MONDAY_NOON_TOKYO);
  return { id, sessions: await attemptSessions(env, id) };
}

const event = (sid: string, e: AgentCallEvent) =>
  applyToSession({ id: sid, event: e, origin: { source: 'system' } });

const answer = (sid: string) =>
  applyToSession({
    id: sid,
    event: { type: 'answer' },
    origin: { source: 'livekit' },
    participant: { identity: `sip-${sid}`, at: new Date() },
  });

describe('a lead follows its call', () => {
  test('answered → in_call; the agent’s outcome → done with it; the call ending changes nothing', async () => {
    const { id, sessions } = await dialled(1, 0);
    const sid = sessions[0]!.sid;
    await answer(sid);
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'in_call' });
    const reported = await workerReport(env, {
      type: 'outcome',
      sid,
      outcome: 'confirmed',
      at: new Date().toISOString(),
    });
    expect(reported.status).toBe(200);
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'done', outcome: 'confirmed' });
    await event(sid, { type: 'end', reason: 'callee hung up' });
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'done', outcome: 'confirmed' });
    const { rows: trail } = await env.db.query(
      `SELECT type, to_status FROM campaign_lead_events WHERE lead_id = $1 ORDER BY id`,
      [(await leadStates(env, id))[0]!.id],
    );
    expect(trail.map((row) => row.type)).toEqual(['dial', 'answered', 'finished']);
  });

  test('a call over with no outcome reported: done, completed', async () => {
    const { id, sessions } = await dialled(1, 10);
    await answer(sessions[0]!.sid);
    await event(sessions[0]!.sid, { type: 'end', reason: 'callee hung up' });
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'done', outcome: 'completed' });
  });

  test('a failed call → failed, when the policy does not retry failures', async () => {
    const { id, sessions } = await dialled(1, 20);
    await event(sessions[0]!.sid, { type: 'fail', reason: 'SIP 404' });
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'failed', outcome: 'failed' });
  });

  test('"Not now" on a LINE ring → done, declined', async () => {
    const { bob } = env.users;
    const id = await runningCampaign(env, `line_user_id\n${bob.userId}\n`);
    await stepAt(id, MONDAY_NOON_TOKYO);
    const [session] = await attemptSessions(env, id);
    await event(session!.sid, { type: 'decline', reason: 'callee said not now' });
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'done', outcome: 'declined' });
  });
});

describe('the retry policy', () => {
  test('a LINE lead’s ring time-out: retried by the campaign, no "call me again" button', async () => {
    const { bob } = env.users;
    const id = await runningCampaign(env, `line_user_id\n${bob.userId}\n`, NO_ANSWER_TWICE);
    await stepAt(id, MONDAY_NOON_TOKYO);
    const [session] = await attemptSessions(env, id);
    expect(await agentRingTimeout(session!.sid)).toEqual({ done: true, status: 'missed' });
    expect((await leadStates(env, id))[0]).toMatchObject({
      status: 'retry_scheduled',
      outcome: 'no_answer',
    });
    const notice = JSON.stringify(env.line.pushes(bob.userId).at(-1)!.messages);
    expect(notice).toContain('不在着信'); // the campaign's language: "You missed a call".
    expect(notice).not.toContain('agent-retry');
  });

  test('no answer → retry_scheduled after the delay; the next attempt is a new session; then spent', async () => {
    const { id, sessions } = await dialled(1, 100, NO_ANSWER_TWICE);
    const before = Date.now();
    await event(sessions[0]!.sid, { type: 'no-answer' });
    const [lead] = await leadStates(env, id);
    expect(lead).toMatchObject({ status: 'retry_scheduled', outcome: 'no_answer', attempts: 1 });
    const due = lead!.next_attempt_at!.getTime();
    expect(due).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1000);
    expect(due).toBeLessThanOrEqual(Date.now() + 30 * 60_000);

    // Not before it is due; then attempt 2.
    expect(await stepAt(id, new Date(due - 60_000))).toMatchObject({ dials: {} });
    expect(await stepAt(id, new Date(due))).toMatchObject({ dials: { dialed: 1 } });
    const both = await attemptSessions(env, id);
    expect(both.map((s) => s.campaign_attempt)).toEqual([1, 2]);

    await event(both[1]!.sid, { type: 'busy', sipStatusCode: '486' });
    expect((await leadStates(env, id))[0]).toMatchObject({
      status: 'done',
      outcome: 'busy',
      attempts: 2,
    });
  });

  test('a callee already on another agent call counts as busy, and is retried', async () => {
    const id = await runningCampaign(env, phoneLeads(1, 200), NO_ANSWER_TWICE);
    const [lead] = await leadStates(env, id);
    const other = await dispatchWithApiKey(env, { to: { phone: lead!.phone } });
    expect(other.status).toBe(201);
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toMatchObject({ dials: { refused: 1 } });
    expect((await leadStates(env, id))[0]).toMatchObject({
      status: 'retry_scheduled',
      outcome: 'busy',
      attempts: 1,
    });
  });

  test('a canceled campaign retries nobody', async () => {
    const { id, sessions } = await dialled(1, 300, NO_ANSWER_TWICE);
    await campaignAction(env, env.users.alice, id, 'cancel');
    await event(sessions[0]!.sid, { type: 'no-answer' });
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'done', outcome: 'no_answer' });
  });
});

describe('a move that was cut off', () => {
  test('a call over while its lead is still on it: the next step moves the lead, once', async () => {
    const { id, sessions } = await dialled(1, 400, NO_ANSWER_TWICE);
    // As if the effect that moves the lead never ran (the process stopped after the change).
    await env.db.query(`UPDATE agent_call_sessions SET status = 'missed' WHERE sid = $1`, [
      sessions[0]!.sid,
    ]);
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'dialing' });
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toMatchObject({ repaired: 1 });
    expect((await leadStates(env, id))[0]).toMatchObject({
      status: 'retry_scheduled',
      outcome: 'no_answer',
    });
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toMatchObject({ repaired: 0 });
  });
});
