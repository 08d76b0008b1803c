/**
 * Campaigns through the console: created as drafts with the settings' defaults, bad settings
 * refused with a 400 naming the field, settings changed only while nothing is dialled, and the
 * lifecycle (draft → running ⇄ paused → completed / canceled) applied by the engine: an action
 * the state does not allow is a 409 with the current state, and every event is in the trail.
 */
import { describe, expect, test } from 'vitest';
import { CAMPAIGN, campaignAction, createCampaign, uploadLeads } from '../support/campaigns';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });
const withLeads = 'phone,customer_name\n090-1234-5678,Sato\n';

describe('creating and reading campaigns', () => {
  test('a new campaign is a draft with the defaults, in its country’s time zone', async () => {
    const campaign = await createCampaign(env, env.users.alice);
    expect(campaign).toMatchObject({
      ...CAMPAIGN,
      status: 'draft',
      timeZone: 'Asia/Tokyo',
      window: { startHour: 9, endHour: 20, days: [1, 2, 3, 4, 5] },
      pacePerMinute: 10,
      concurrency: 5,
      retry: { outcomes: ['no_answer', 'busy'], delayMinutes: 30, maxAttempts: 3 },
      sipTrunkId: null,
      callerId: null,
      createdBy: env.users.alice.userId,
      startedAt: null,
    });
    const read = await env.api(`/api/console/campaigns/${campaign.id}`, { as: env.users.alice });
    expect((await read.json()).campaign).toEqual(campaign);
    const listed = await (await env.api('/api/console/campaigns', { as: env.users.alice })).json();
    expect(listed.campaigns[0]).toMatchObject({ id: campaign.id, leads: {} });
  });

  test('every setting may be given', async () => {
    const settings = {
      name: '설문',
      script: 'survey',
      language: 'ko',
      defaultCountry: 'KR',
      timeZone: 'Asia/Seoul',
      window: { startHour: 10, endHour: 18, days: [1, 3, 5, 6] },
      pacePerMinute: 30,
      concurrency: 20,
      retry: { outcomes: ['busy', 'call_back_later'], delayMinutes: 60, maxAttempts: 2 },
      sipTrunkId: 'ST_campaigns',
      callerId: '+82212345678',
    };
    expect(await createCampaign(env, env.users.alice, settings)).toMatchObject(settings);
  });

  test.each([
    [{ name: '' }, 'name'],
    [{ script: 'sales-pitch' }, 'script'],
    [{ language: 'fr' }, 'language'],
    [{ defaultCountry: 'XX' }, 'defaultCountry'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ window: { startHour: 20, endHour: 9, days: [1] } }, 'window'],
    [{ window: { startHour: 9, endHour: 20, days: [] } }, 'window.days'],
    [{ window: { startHour: 9, endHour: 20, days: [0, 8] } }, 'window.days'],
    [{ pacePerMinute: 0 }, 'pacePerMinute'],
    [{ concurrency: 51 }, 'concurrency'],
    [{ concurrency: 2.5 }, 'concurrency'],
    [{ retry: { outcomes: ['confirmed'], delayMinutes: 30, maxAttempts: 3 } }, 'retry.outcomes'],
    [{ retry: { outcomes: [], delayMinutes: 0, maxAttempts: 3 } }, 'retry.delayMinutes'],
    [{ callerId: '03-1234-5678' }, 'callerId'],
    [{ surprise: true }, 'body'],
  ])('%o → 400 naming %s', async (change, field) => {
    const response = await env.api('/api/console/campaigns', {
      as: env.users.alice,
      body: { ...CAMPAIGN, ...change },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(new RegExp(`^${field}\\b|^body`));
  });

  test('a country with several time zones needs one named; a campaign unknown → 404', async () => {
    const response = await env.api('/api/console/campaigns', {
      as: env.users.alice,
      body: { ...CAMPAIGN, defaultCountry: 'US' },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('time_zone_required');
    const unknown = await env.api(`/api/console/campaigns/${crypto.randomUUID()}`, {
      as: env.users.alice,
    });
    expect(unknown.status).toBe(404);
  });
});

describe('changing settings', () => {
  test('a draft’s settings change; what is not sent stays; a new country brings its zone', async () => {
    const { id } = await createCampaign(env, env.users.alice, { pacePerMinute: 12 });
    const response = await env.api(`/api/console/campaigns/${id}`, {
      as: env.users.alice,
      method: 'PATCH',
      body: { name: 'Renamed', defaultCountry: 'TH' },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).campaign).toMatchObject({
      name: 'Renamed',
      defaultCountry: 'TH',
      timeZone: 'Asia/Bangkok',
      pacePerMinute: 12,
      script: 'reminder',
    });
  });

  test('a running campaign’s settings do not change (409); paused, they do', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    expect((await uploadLeads(env, env.users.alice, id, withLeads)).status).toBe(201);
    expect((await campaignAction(env, env.users.alice, id, 'start')).status).toBe(200);
    const patch = () =>
      env.api(`/api/console/campaigns/${id}`, {
        as: env.users.alice,
        method: 'PATCH',
        body: { concurrency: 10 },
      });
    const refused = await patch();
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({
      code: 'invalid_state',
      status: 'running',
    });
    expect((await campaignAction(env, env.users.alice, id, 'pause')).status).toBe(200);
    expect((await (await patch()).json()).campaign.concurrency).toBe(10);
  });
});

describe('the lifecycle', () => {
  test('draft → running ⇄ paused → completed, each change recorded once', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    await uploadLeads(env, env.users.alice, id, withLeads);
    for (const [action, status] of [
      ['start', 'running'],
      ['pause', 'paused'],
      ['resume', 'running'],
      ['complete', 'completed'],
    ]) {
      const response = await campaignAction(env, env.users.alice, id, action!);
      expect(response.status, action).toBe(200);
      expect((await response.json()).campaign.status).toBe(status);
    }
    const campaign = (
      await (await env.api(`/api/console/campaigns/${id}`, { as: env.users.alice })).json()
    ).campaign;
    expect(campaign.startedAt).not.toBeNull();
    expect(campaign.endedAt).not.toBeNull();
    const { rows } = await env.db.query(
      `SELECT type, from_status, to_status, source, data->>'operator' AS operator
       FROM campaign_events WHERE campaign_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((row) => `${row.type}:${row.from_status}→${row.to_status}`)).toEqual([
      'start:draft→running',
      'pause:running→paused',
      'resume:paused→running',
      'complete:running→completed',
    ]);
    expect(
      rows.every((row) => row.source === 'user' && row.operator === env.users.alice.userId),
    ).toBe(true);
  });

  test('a campaign with no lead to call does not start (409)', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const response = await campaignAction(env, env.users.alice, id, 'start');
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({ status: 'draft', code: 'invalid_state' });
  });

  test.each([
    ['draft', ['pause', 'resume', 'complete']],
    ['running', ['start', 'resume']],
    ['paused', ['start', 'pause']],
    ['completed', ['start', 'pause', 'resume', 'complete', 'cancel']],
    ['canceled', ['start', 'pause', 'resume', 'complete', 'cancel']],
  ])(
    'a %s campaign refuses %o with 409 and its state, and stays as it is',
    async (state, actions) => {
      const { id } = await createCampaign(env, env.users.alice);
      await uploadLeads(env, env.users.alice, id, withLeads);
      const path: Record<string, string[]> = {
        draft: [],
        running: ['start'],
        paused: ['start', 'pause'],
        completed: ['start', 'complete'],
        canceled: ['cancel'],
      };
      for (const action of path[state]!) await campaignAction(env, env.users.alice, id, action);
      for (const action of actions) {
        const response = await campaignAction(env, env.users.alice, id, action);
        expect(response.status, action).toBe(409);
        expect((await response.json()).error.status).toBe(state);
      }
      const { rows } = await env.db.query('SELECT status FROM campaigns WHERE id = $1', [id]);
      expect(rows[0].status).toBe(state);
    },
  );

  test('an unknown action is a 400; an unknown campaign a 404', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    expect((await campaignAction(env, env.users.alice, id, 'explode')).status).toBe(400);
    const unknown = await campaignAction(env, env.users.alice, crypto.randomUUID(), 'start');
    expect(unknown.status).toBe(404);
  });
});
