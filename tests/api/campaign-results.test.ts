/**
 * A campaign's results and one lead's attempts, checked against sessions built by hand with known
 * times: answer rate, average duration of answered calls, minutes dialed (dial to end), outcomes
 * of answered calls, calls by hour of day in the campaign's time zone and by attempt.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { campaignWithLeads, insertCall, makeOperator } from '../support/campaign-calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

let campaignId: string;
let leadIds: number[];
const sids: string[] = [];

beforeAll(async () => {
  await makeOperator(env, env.users.bob);
  // A Japanese campaign: its hours are Asia/Tokyo's (UTC+9).
  ({ campaignId, leadIds } = await campaignWithLeads(
    env,
    env.users.alice,
    'phone,customer_name\n090-5555-0001,Ito\n090-5555-0002,Kato\n090-5555-0003,Abe',
  ));
  const [a, b, c] = leadIds as [number, number, number];
  const calls = [
    // 09:30 in Tokyo, not answered: 60 s dialed.
    {
      leadId: a,
      attempt: 1,
      status: 'missed',
      createdAt: '2026-12-01T00:30:00Z',
      endedAt: '2026-12-01T00:31:00Z',
    },
    // 14:00, answered after 20 s, 120 s of conversation: 140 s dialed.
    {
      leadId: a,
      attempt: 2,
      status: 'ended',
      createdAt: '2026-12-01T05:00:00Z',
      answeredAt: '2026-12-01T05:00:20Z',
      endedAt: '2026-12-01T05:02:20Z',
      durationSeconds: 120,
      outcome: 'confirmed',
      turns: [
        ['agent', 'Your invoice is due.'],
        ['callee', 'I will pay today.'],
      ] as ['agent' | 'callee', string][],
    },
    // 14:10, answered, 60 s: 70 s dialed.
    {
      leadId: b,
      attempt: 1,
      status: 'ended',
      createdAt: '2026-12-01T05:10:00Z',
      answeredAt: '2026-12-01T05:10:10Z',
      endedAt: '2026-12-01T05:11:10Z',
      durationSeconds: 60,
      outcome: 'declined',
    },
    // 23:45, busy: 30 s dialed; an outcome on a call never answered is not counted.
    {
      leadId: c,
      attempt: 1,
      status: 'busy',
      createdAt: '2026-12-01T14:45:00Z',
      endedAt: '2026-12-01T14:45:30Z',
      durationSeconds: 0,
      outcome: 'no_response',
    },
    // Outside the campaign: not counted.
    { status: 'ended', createdAt: '2026-12-01T05:00:00Z', endedAt: '2026-12-01T05:09:00Z' },
  ];
  for (const call of calls) sids.push(await insertCall(env, call));
  await env.db.query(
    `UPDATE campaign_leads SET status = 'done', outcome = 'confirmed', attempts = 2 WHERE id = $1`,
    [a],
  );
});

const results = (as = env.users.bob) =>
  env.api(`/api/console/campaigns/${campaignId}/results`, { as });

describe('a campaign’s results', () => {
  test('operators only; an unknown campaign → 404', async () => {
    expect((await env.api(`/api/console/campaigns/${campaignId}/results`)).status).toBe(401);
    expect((await results(env.users.carol)).status).toBe(403);
    const unknown = await env.api(
      '/api/console/campaigns/00000000-0000-4000-8000-000000000000/results',
      { as: env.users.bob },
    );
    expect(unknown.status).toBe(404);
  });

  test('the numbers of its calls', async () => {
    const response = await results();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.campaign).toEqual({ id: campaignId, name: 'December reminders', status: 'draft' });
    expect(body.leads).toMatchObject({ done: 1, pending: 2 });
    expect(body.leadOutcomes).toMatchObject({ confirmed: 1, declined: 0 });
    const { stats } = body;
    expect(stats).toMatchObject({
      calls: 4,
      answered: 2,
      answerRate: 0.5,
      averageDurationSeconds: 90,
      minutesDialed: 5,
      outcomes: { confirmed: 1, declined: 1, call_back_later: 0, no_response: 0, completed: 0 },
      timeZone: 'Asia/Tokyo',
    });
    expect(stats.byHour).toHaveLength(24);
    const busyHours = stats.byHour.filter((h: { calls: number }) => h.calls > 0);
    expect(busyHours).toEqual([
      { hour: 9, calls: 1, answered: 0 },
      { hour: 14, calls: 2, answered: 2 },
      { hour: 23, calls: 1, answered: 0 },
    ]);
    // Every attempt the campaign's policy allows (3 by default).
    expect(stats.byAttempt).toEqual([
      { attempt: 1, calls: 3, answered: 1 },
      { attempt: 2, calls: 1, answered: 1 },
      { attempt: 3, calls: 0, answered: 0 },
    ]);
  });
});

describe('one lead', () => {
  test('its attempts, first first, each with its transcript', async () => {
    const response = await env.api(`/api/console/campaigns/${campaignId}/leads/${leadIds[0]}`, {
      as: env.users.bob,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.lead).toMatchObject({
      id: leadIds[0],
      phone: '+819055550001',
      fields: { customer_name: 'Ito' },
      status: 'done',
      attempts: 2,
    });
    expect(body.attempts).toEqual([
      {
        sid: sids[0],
        attempt: 1,
        status: 'missed',
        outcome: null,
        failureReason: null,
        startedAt: '2026-12-01T00:30:00.000Z',
        answeredAt: null,
        endedAt: '2026-12-01T00:31:00.000Z',
        durationSeconds: null,
        transcript: [],
      },
      {
        sid: sids[1],
        attempt: 2,
        status: 'ended',
        outcome: 'confirmed',
        failureReason: null,
        startedAt: '2026-12-01T05:00:00.000Z',
        answeredAt: '2026-12-01T05:00:20.000Z',
        endedAt: '2026-12-01T05:02:20.000Z',
        durationSeconds: 120,
        transcript: [
          { speaker: 'agent', text: 'Your invoice is due.', at: '2026-12-01T05:00:00.000Z' },
          { speaker: 'callee', text: 'I will pay today.', at: '2026-12-01T05:00:01.000Z' },
        ],
      },
    ]);
  });

  test('a lead of no such id, or of another campaign → 404', async () => {
    const other = await campaignWithLeads(env, env.users.alice, 'phone\n090-5555-0009');
    for (const path of [
      `campaigns/${campaignId}/leads/999999`,
      `campaigns/${campaignId}/leads/${other.leadIds[0]}`,
    ]) {
      const response = await env.api(`/api/console/${path}`, { as: env.users.bob });
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('lead_not_found');
    }
    const unknown = await env.api(
      `/api/console/campaigns/00000000-0000-4000-8000-000000000000/leads/${leadIds[0]}`,
      { as: env.users.bob },
    );
    expect((await unknown.json()).error.code).toBe('campaign_not_found');
    const malformed = await env.api(`/api/console/campaigns/${campaignId}/leads/x1`, {
      as: env.users.bob,
    });
    expect(malformed.status).toBe(404);
  });
});
