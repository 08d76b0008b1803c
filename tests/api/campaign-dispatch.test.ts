/**
 * The dispatcher's step: starting a campaign publishes its first step; a step claims as many due
 * leads as the pace and the free concurrency allow and dials each through the agent-call
 * dispatcher (the campaign's script, language and trunk; the lead's fields as context), marks a
 * lead on the do-not-call list skipped at that moment, schedules the next step, and completes the
 * campaign when no lead waits and none is on a call.
 */
import { describe, expect, test } from 'vitest';
import { applyToSession } from '../../api/_lib/agent-calls/apply-to-session';
import { IDLE_STEP_SECONDS, tickOf, TICK_SECONDS } from '../../api/_lib/domain/campaign-dispatch';
import { AGENT_SETTINGS } from '../support/agent-calls';
import {
  attemptSessions,
  campaignStatus,
  leadStates,
  MONDAY_NOON_TOKYO,
  phoneLeads,
  publishedSteps,
  runningCampaign,
  statusCounts,
  stepAt,
} from '../support/campaign-dispatch';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'], env: AGENT_SETTINGS });

describe('starting a campaign', () => {
  test('publishes its first step now, under a deduplication id of the start', async () => {
    const before = new Date();
    const id = await runningCampaign(env, phoneLeads(1));
    const [first] = publishedSteps(env, id);
    expect(first!.payload.campaignId).toBe(id);
    expect(first!.payload.tick).toBeGreaterThanOrEqual(tickOf(before));
    expect(first!.deduplicationId).toBe(`campaign-step_${id}_r${first!.payload.tick}`);
    expect(first!.dueAt! - first!.createdAt).toBeLessThanOrEqual(1000);
  });
});

describe('one step', () => {
  test('dials up to the concurrency, each through the agent-call dispatcher, as the campaign says', async () => {
    const id = await runningCampaign(env, phoneLeads(4), {
      concurrency: 3,
      pacePerMinute: 60,
      script: 'survey',
      language: 'ko',
      sipTrunkId: 'ST_campaign_trunk',
      callerId: '+81312345678',
    });
    const now = MONDAY_NOON_TOKYO;
    const outcome = await stepAt(id, now);
    expect(outcome).toMatchObject({ campaign: 'running', dials: { dialed: 3 }, skipped: 0 });

    const leads = await leadStates(env, id);
    expect(leads.map((l) => [l.status, l.attempts])).toEqual([
      ['dialing', 1],
      ['dialing', 1],
      ['dialing', 1],
      ['pending', 0],
    ]);
    const sessions = await attemptSessions(env, id);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({
      status: 'ringing',
      campaign_lead_id: leads[0]!.id,
      campaign_attempt: 1,
      callee_phone: leads[0]!.phone,
      requested_by: 'campaign',
      script: 'survey',
      language: 'ko',
      context: { customer_name: 'Lead 0' },
      sip_trunk_id: 'ST_campaign_trunk',
      caller_id: '+81312345678',
    });
    // The phone is dialled by the dial-out job, as every phone agent call is.
    const dialJobs = env.qstash.messages().filter((m) => m.url.endsWith('/api/jobs/dial-out'));
    expect(dialJobs.filter((m) => sessions.some((s) => m.body.includes(s.sid)))).toHaveLength(3);
    // Concurrency full: the next step comes on the idle grid, a call ending wakes it sooner.
    const { nextTick } = outcome as { nextTick: number };
    expect(nextTick % (IDLE_STEP_SECONDS / TICK_SECONDS)).toBe(0);
    const next = publishedSteps(env, id).find((m) => m.payload.tick === nextTick);
    expect(next!.deduplicationId).toBe(`campaign-step_${id}_${nextTick}`);
  });

  test('the pace: no more calls started in a minute than it allows', async () => {
    const id = await runningCampaign(env, phoneLeads(5, 100), {
      concurrency: 50,
      pacePerMinute: 2,
    });
    const now = MONDAY_NOON_TOKYO;
    expect(await stepAt(id, now)).toMatchObject({ dials: { dialed: 2 } });
    const soon = await stepAt(id, new Date(now.getTime() + 30_000));
    expect(soon).toMatchObject({ dials: {} });
    // Held back by the pace: the next tick, not the idle grid.
    expect(soon).toMatchObject({ nextTick: tickOf(new Date(now.getTime() + 30_000)) + 1 });
    expect(await stepAt(id, new Date(now.getTime() + 61_000))).toMatchObject({
      dials: { dialed: 2 },
    });
    expect(await statusCounts(env, id)).toEqual({ dialing: 4, pending: 1 });
  });

  test('a LINE user lead is rung by a push, like any agent call', async () => {
    const { bob } = env.users;
    const id = await runningCampaign(env, `line_user_id,customer_name\n${bob.userId},Bob\n`);
    await stepAt(id, MONDAY_NOON_TOKYO);
    const [session] = await attemptSessions(env, id);
    expect(session).toMatchObject({ callee_user_id: bob.userId, status: 'ringing' });
    const pushed = env.line.pushes().filter((p) => p.to === bob.userId);
    expect(JSON.stringify(pushed.at(-1))).toContain(`/agent-call/${session!.sid}`);
  });
});

describe('do-not-call', () => {
  test('a number added to the list after the import is skipped at dial time, not dialled', async () => {
    const id = await runningCampaign(env, phoneLeads(2, 200));
    const [first] = await leadStates(env, id);
    const added = await env.api('/api/console/do-not-call', {
      as: env.users.alice,
      body: { callees: [first!.phone] },
    });
    expect(added.status).toBe(200);
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toMatchObject({
      dials: { dialed: 1 },
      skipped: 1,
    });
    const leads = await leadStates(env, id);
    expect(leads[0]).toMatchObject({ status: 'skipped', skip_reason: 'do_not_call', attempts: 0 });
    expect(leads[1]).toMatchObject({ status: 'dialing', attempts: 1 });
    expect((await attemptSessions(env, id)).map((s) => s.campaign_lead_id)).toEqual([leads[1]!.id]);
    const { rows: trail } = await env.db.query(
      `SELECT type, to_status FROM campaign_lead_events WHERE lead_id = $1`,
      [leads[0]!.id],
    );
    expect(trail).toEqual([{ type: 'skip', to_status: 'skipped' }]);
  });
});

describe('completing', () => {
  test('once every lead is final the next step completes the campaign', async () => {
    const id = await runningCampaign(env, phoneLeads(2, 300), {
      retry: { outcomes: [], delayMinutes: 30, maxAttempts: 1 },
    });
    const now = MONDAY_NOON_TOKYO;
    await stepAt(id, now);
    const sessions = await attemptSessions(env, id);
    await applyToSession({
      id: sessions[0]!.sid,
      event: { type: 'busy' },
      origin: { source: 'system' },
    });
    await applyToSession({
      id: sessions[1]!.sid,
      event: { type: 'fail', reason: 'SIP 404' },
      origin: { source: 'system' },
    });
    expect((await leadStates(env, id)).map((l) => [l.status, l.outcome])).toEqual([
      ['done', 'busy'],
      ['failed', 'failed'],
    ]);
    // Each lead leaving its call woke the campaign: a step on the next tick.
    const wake = publishedSteps(env, id).filter(
      (m) => m.payload.tick === tickOf(new Date()) + 1 || m.payload.tick === tickOf(new Date()),
    );
    expect(wake.length).toBeGreaterThanOrEqual(1);
    const last = await stepAt(id, new Date(now.getTime() + TICK_SECONDS * 1000));
    expect(last).toMatchObject({ campaign: 'completed', nextTick: null });
    expect(await campaignStatus(env, id)).toBe('completed');
  });
});

describe('through QStash', () => {
  test('the steps deliver themselves: the first dials, the calls ending wake the one that completes', async () => {
    const id = await runningCampaign(env, phoneLeads(2, 400), {
      retry: { outcomes: [], delayMinutes: 30, maxAttempts: 1 },
    });
    await env.qstash.advance(1);
    const sessions = await attemptSessions(env, id);
    expect(sessions).toHaveLength(2);
    for (const { sid } of sessions) {
      await applyToSession({
        id: sid,
        event: { type: 'fail', reason: 'SIP 503' },
        origin: { source: 'system' },
      });
    }
    expect(await campaignStatus(env, id)).toBe('running');
    await env.qstash.advance(2 * TICK_SECONDS);
    expect(await campaignStatus(env, id)).toBe('completed');
    expect(await statusCounts(env, id)).toEqual({ failed: 2 });
  });
});
