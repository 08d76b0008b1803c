/**
 * The admins' analytics of agent calls outside campaigns, over the last `days` days: the same
 * numbers as a campaign's results, with a retry ("call me again") counted as the original's
 * next attempt, and hours in the time zone asked for.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { campaignWithLeads, insertCall, makeOperator } from '../support/campaign-calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);
// Whole seconds, so the numbers are exact.
const at = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
const answeredCall = at(ago(DAY));
const retriedCall = at(ago(2 * DAY));

beforeAll(async () => {
  await makeOperator(env, env.users.bob);
  await insertCall(env, {
    status: 'ended',
    createdAt: answeredCall.toISOString(),
    answeredAt: new Date(answeredCall.getTime() + 10_000).toISOString(),
    endedAt: new Date(answeredCall.getTime() + 40_000).toISOString(),
    durationSeconds: 30,
    outcome: 'completed',
  });
  await insertCall(env, {
    status: 'missed',
    retryCount: 1,
    createdAt: retriedCall.toISOString(),
    endedAt: new Date(retriedCall.getTime() + 60_000).toISOString(),
  });
  await insertCall(env, {
    status: 'ended',
    createdAt: ago(10 * DAY).toISOString(),
    endedAt: ago(10 * DAY - 60_000).toISOString(),
  });
  // A campaign's call is the campaign's, not counted here.
  const { leadIds } = await campaignWithLeads(env, env.users.alice, 'phone\n090-6666-0001');
  await insertCall(env, {
    leadId: leadIds[0],
    status: 'busy',
    createdAt: ago(HOUR).toISOString(),
    endedAt: ago(HOUR).toISOString(),
  });
});

const analytics = (query: string, as = env.users.alice) =>
  env.api(`/api/console/analytics${query}`, { as });

describe('who may see them', () => {
  test('admins only: an operator → 403 not_an_admin, anyone else 403, no login 401', async () => {
    const operator = await analytics('', env.users.bob);
    expect(operator.status).toBe(403);
    expect((await operator.json()).error.code).toBe('not_an_admin');
    expect((await analytics('', env.users.carol)).status).toBe(403);
    expect((await env.api('/api/console/analytics')).status).toBe(401);
  });

  test.each(['?days=0', '?days=91', '?days=x', '?days=1.5', '?timeZone=Mars/Olympus'])(
    'bad input %s → 400',
    async (query) => {
      const response = await analytics(query);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toMatch(/^invalid_/);
    },
  );
});

describe('the numbers', () => {
  test('the last 7 days (the default), by hour in UTC and by attempt', async () => {
    const body = await (await analytics('')).json();
    expect(body.days).toBe(7);
    const { stats } = body;
    expect(stats).toMatchObject({
      calls: 2,
      answered: 1,
      answerRate: 0.5,
      averageDurationSeconds: 30,
      minutesDialed: 100 / 60,
      outcomes: { completed: 1, confirmed: 0 },
      timeZone: 'UTC',
    });
    // The first call and the three "call me again" it may get.
    expect(stats.byAttempt).toEqual([
      { attempt: 1, calls: 1, answered: 1 },
      { attempt: 2, calls: 1, answered: 0 },
      { attempt: 3, calls: 0, answered: 0 },
      { attempt: 4, calls: 0, answered: 0 },
    ]);
    const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, calls: 0, answered: 0 }));
    byHour[answeredCall.getUTCHours()]!.calls += 1;
    byHour[answeredCall.getUTCHours()]!.answered += 1;
    byHour[retriedCall.getUTCHours()]!.calls += 1;
    expect(stats.byHour).toEqual(byHour);
  });

  test('a longer window, in another time zone', async () => {
    const { stats } = await (await analytics('?days=30&timeZone=Asia/Bangkok')).json();
    expect(stats.calls).toBe(3);
    expect(stats.timeZone).toBe('Asia/Bangkok');
    const bangkokHour = (answeredCall.getUTCHours() + 7) % 24;
    expect(stats.byHour[bangkokHour].answered).toBe(1);
  });
});
