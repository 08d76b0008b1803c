/**
 * Every lead attempt happens once, whatever the steps do: a step delivered twice (one after the
 * other, or at once), a late step after a pause or a cancel, steps running concurrently (the
 * concurrency is never exceeded), a step that stops between its claim and its dials (a later step
 * dials those leads, once), and a pause arriving between a step's claim and its dials.
 */
import { describe, expect, test } from 'vitest';
import { dialLead } from '../../api/_lib/campaigns/dial-lead';
import { claimLeads } from '../../api/_lib/db/campaign-dispatch';
import { DIAL_GRACE_SECONDS, tickOf } from '../../api/_lib/domain/campaign-dispatch';
import { AGENT_SETTINGS } from '../support/agent-calls';
import {
  attemptSessions,
  leadStates,
  MONDAY_NOON_TOKYO,
  phoneLeads,
  publishedSteps,
  runningCampaign,
  statusCounts,
  stepAt,
} from '../support/campaign-dispatch';
import { campaignAction } from '../support/campaigns';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'], env: AGENT_SETTINGS });
const later = (seconds: number) => new Date(MONDAY_NOON_TOKYO.getTime() + seconds * 1000);

/** Each lead's attempts have one session each, and no lead has more sessions than attempts. */
async function expectOneSessionPerAttempt(campaignId: string) {
  const sessions = await attemptSessions(env, campaignId);
  const keys = sessions.map((s) => `${s.campaign_lead_id}/${s.campaign_attempt}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const lead of await leadStates(env, campaignId)) {
    const mine = sessions.filter((s) => s.campaign_lead_id === lead.id);
    expect(mine.map((s) => s.campaign_attempt)).toEqual(
      Array.from({ length: lead.attempts }, (_, i) => i + 1),
    );
  }
  return sessions;
}

describe('duplicate steps', () => {
  test('the same step twice: the second finds nothing more to dial', async () => {
    const id = await runningCampaign(env, phoneLeads(3), { concurrency: 5 });
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toMatchObject({ dials: { dialed: 3 } });
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toMatchObject({ dials: {}, skipped: 0 });
    expect(await expectOneSessionPerAttempt(id)).toHaveLength(3);
  });

  test('QStash delivering the first step twice at once, through the jobs endpoint', async () => {
    // Deliver what earlier tests left due first, so the duplicate falls on this campaign's step.
    await env.qstash.deliverDue();
    const id = await runningCampaign(env, phoneLeads(4, 50), { concurrency: 10 });
    const [start] = publishedSteps(env, id);
    env.qstash.duplicateNextDelivery({ concurrently: true });
    const attempts = await env.qstash.deliverDue();
    const steps = attempts.filter((a) => a.messageId === start!.messageId);
    expect(steps.map((a) => a.status)).toEqual([200, 200]);
    expect(await expectOneSessionPerAttempt(id)).toHaveLength(4);
    expect(await statusCounts(env, id)).toEqual({ dialing: 4 });
  });

  test('publishing the same tick twice makes one message', async () => {
    const id = await runningCampaign(env, phoneLeads(1, 60));
    const { nextTick } = (await stepAt(id, MONDAY_NOON_TOKYO)) as { nextTick: number };
    await stepAt(id, MONDAY_NOON_TOKYO);
    expect(publishedSteps(env, id).filter((m) => m.payload.tick === nextTick)).toHaveLength(1);
  });
});

describe('late steps', () => {
  test('after a pause: nothing dialled, no next step; a resume starts the steps again', async () => {
    const id = await runningCampaign(env, phoneLeads(2, 70));
    expect((await campaignAction(env, env.users.alice, id, 'pause')).status).toBe(200);
    const published = publishedSteps(env, id).length;
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toEqual({ done: true, campaign: 'not-running' });
    expect(await attemptSessions(env, id)).toEqual([]);
    expect(publishedSteps(env, id)).toHaveLength(published);

    expect((await campaignAction(env, env.users.alice, id, 'resume')).status).toBe(200);
    const resumed = publishedSteps(env, id).at(-1)!;
    expect(resumed.deduplicationId).toMatch(new RegExp(`^campaign-step_${id}_r\\d+$`));
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toMatchObject({ dials: { dialed: 2 } });
  });

  test('after a cancel: nothing dialled; the waiting leads are never called', async () => {
    const id = await runningCampaign(env, phoneLeads(2, 80));
    expect((await campaignAction(env, env.users.alice, id, 'cancel')).status).toBe(200);
    expect(await stepAt(id, MONDAY_NOON_TOKYO)).toEqual({ done: true, campaign: 'not-running' });
    expect(await statusCounts(env, id)).toEqual({ pending: 2 });
  });

  test('a pause leaves calls in progress alone', async () => {
    const id = await runningCampaign(env, phoneLeads(1, 90));
    await stepAt(id, MONDAY_NOON_TOKYO);
    await campaignAction(env, env.users.alice, id, 'pause');
    const [session] = await attemptSessions(env, id);
    expect(session!.status).toBe('ringing');
    expect(env.livekit.rooms().map((room) => room.name)).toContain(`agent-${session!.sid}`);
  });
});

describe('steps at once', () => {
  test('four steps together dial each lead once and never more than the concurrency', async () => {
    const id = await runningCampaign(env, phoneLeads(20, 100), {
      concurrency: 5,
      pacePerMinute: 120,
    });
    const outcomes = await Promise.all([0, 1, 2, 3].map((i) => stepAt(id, later(i))));
    const dialed = outcomes.reduce((n, o) => n + ('dials' in o ? (o.dials.dialed ?? 0) : 0), 0);
    expect(dialed).toBe(5);
    expect(await expectOneSessionPerAttempt(id)).toHaveLength(5);
    expect(await statusCounts(env, id)).toEqual({ dialing: 5, pending: 15 });
  });
});

describe('a step stopped between its claim and its dials', () => {
  test('the claimed leads are dialled by a later step past the grace, once', async () => {
    const id = await runningCampaign(env, phoneLeads(2, 200), { concurrency: 2 });
    // The claim commits; the step is then cut off before it dials.
    const claim = await claimLeads(id, MONDAY_NOON_TOKYO, () => ({
      limit: 2,
      timeZones: ['Asia/Tokyo'],
    }));
    expect(claim).toMatchObject({ kind: 'claimed' });
    expect(await statusCounts(env, id)).toEqual({ dialing: 2 });
    expect(await attemptSessions(env, id)).toEqual([]);

    // Within the grace the claim may still be dialling: left alone.
    expect(await stepAt(id, later(DIAL_GRACE_SECONDS - 5))).toMatchObject({ repaired: 0 });
    // Past it, two steps at once: each lead is dialled once, for its first attempt.
    const repairs = await Promise.all([
      stepAt(id, later(DIAL_GRACE_SECONDS + 1)),
      stepAt(id, later(DIAL_GRACE_SECONDS + 2)),
    ]);
    const dialed = repairs.reduce((n, o) => n + ('dials' in o ? (o.dials.dialed ?? 0) : 0), 0);
    expect(dialed).toBe(2);
    const sessions = await expectOneSessionPerAttempt(id);
    expect(sessions.map((s) => s.campaign_attempt)).toEqual([1, 1]);
    expect((await leadStates(env, id)).map((l) => l.attempts)).toEqual([1, 1]);
    // And never again.
    expect(await stepAt(id, later(DIAL_GRACE_SECONDS + 60))).toMatchObject({ repaired: 0 });
    expect(await attemptSessions(env, id)).toHaveLength(2);
  });
});

describe('a pause during a step', () => {
  test('dials not yet made are not made; after the resume they are, once', async () => {
    const id = await runningCampaign(env, phoneLeads(3, 300), { concurrency: 3 });
    const claim = await claimLeads(id, MONDAY_NOON_TOKYO, () => ({
      limit: 3,
      timeZones: ['Asia/Tokyo'],
    }));
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    const [first, ...rest] = claim.claimed;
    expect(await dialLead(claim.state.campaign, first!)).toBe('dialed');
    await campaignAction(env, env.users.alice, id, 'pause');
    for (const lead of rest) expect(await dialLead(claim.state.campaign, lead)).toBe('not-running');
    expect(await attemptSessions(env, id)).toHaveLength(1);

    await campaignAction(env, env.users.alice, id, 'resume');
    const resumed = await stepAt(id, later(DIAL_GRACE_SECONDS + 1));
    expect(resumed).toMatchObject({ dials: { dialed: 2 }, repaired: 2 });
    expect(await expectOneSessionPerAttempt(id)).toHaveLength(3);
    expect(tickOf(later(0))).toBeLessThan(tickOf(later(DIAL_GRACE_SECONDS + 1)));
  });
});
