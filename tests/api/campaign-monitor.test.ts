/**
 * The live monitor: operators only; every lead state and outcome counted; the calls in progress
 * with their callee, attempt and transcript so far; a weak ETag over the content, so a poll that
 * finds nothing new gets 304 and no body.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { LEAD_OUTCOMES, LEAD_STATES } from '../../api/_lib/domain/lead-lifecycle';
import { campaignWithLeads, insertCall, makeOperator } from '../support/campaign-calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

const CSV = [
  'phone,customer_name',
  '090-1111-0001,Sato',
  '090-1111-0002,Suzuki',
  '090-1111-0003,Takahashi',
  '090-1111-0004,',
].join('\n');

let campaignId: string;
let leadIds: number[];
let ringing: string;
let answered: string;

beforeAll(async () => {
  await makeOperator(env, env.users.bob);
  ({ campaignId, leadIds } = await campaignWithLeads(env, env.users.alice, CSV));
  const [first, second, third] = leadIds as [number, number, number];
  // Lead 1: answered on its second attempt (the first was not); lead 2 ringing; lead 3 done.
  await env.db.query(`UPDATE campaign_leads SET status = 'in_call', attempts = 2 WHERE id = $1`, [
    first,
  ]);
  await env.db.query(`UPDATE campaign_leads SET status = 'dialing', attempts = 1 WHERE id = $1`, [
    second,
  ]);
  await env.db.query(
    `UPDATE campaign_leads SET status = 'done', outcome = 'confirmed', attempts = 1 WHERE id = $1`,
    [third],
  );
  await insertCall(env, {
    leadId: first,
    attempt: 1,
    status: 'missed',
    createdAt: '2026-12-01T01:00:00Z',
    endedAt: '2026-12-01T01:01:00Z',
  });
  answered = await insertCall(env, {
    leadId: first,
    attempt: 2,
    status: 'answered',
    createdAt: '2026-12-03T01:00:00Z',
    answeredAt: '2026-12-03T01:00:10Z',
    turns: [
      ['agent', 'Hello, this is a reminder.'],
      ['callee', 'Yes?'],
    ],
  });
  ringing = await insertCall(env, {
    leadId: second,
    status: 'ringing',
    createdAt: '2026-12-03T01:00:05Z',
  });
  await insertCall(env, {
    leadId: third,
    status: 'ended',
    createdAt: '2026-12-02T01:00:00Z',
    answeredAt: '2026-12-02T01:00:05Z',
    endedAt: '2026-12-02T01:02:00Z',
    durationSeconds: 115,
    outcome: 'confirmed',
  });
});

const monitor = (headers: Record<string, string> = {}, as = env.users.bob) =>
  env.api(`/api/console/campaigns/${campaignId}/monitor`, { as, headers });

describe('who may watch', () => {
  test('no login → 401; not an operator → 403; an unknown campaign → 404', async () => {
    const anonymous = await env.api(`/api/console/campaigns/${campaignId}/monitor`);
    expect(anonymous.status).toBe(401);
    const stranger = await monitor({}, env.users.carol);
    expect(stranger.status).toBe(403);
    expect((await stranger.json()).error.code).toBe('not_an_operator');
    const unknown = await env.api(
      '/api/console/campaigns/00000000-0000-4000-8000-000000000000/monitor',
      { as: env.users.bob },
    );
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('campaign_not_found');
  });
});

describe('what the monitor shows', () => {
  test('every lead state and outcome, counted', async () => {
    const body = await (await monitor()).json();
    expect(Object.keys(body.leads).sort()).toEqual([...LEAD_STATES].sort());
    expect(Object.keys(body.outcomes).sort()).toEqual([...LEAD_OUTCOMES].sort());
    expect(body.leads).toMatchObject({ pending: 1, dialing: 1, in_call: 1, done: 1, failed: 0 });
    expect(body.outcomes).toMatchObject({ confirmed: 1, no_answer: 0 });
    expect(body.campaign).toEqual({
      id: campaignId,
      name: 'December reminders',
      status: 'draft',
      concurrency: 5,
    });
    expect(Date.now() - Date.parse(body.at)).toBeLessThan(60_000);
  });

  test('the live calls, oldest first, with callee, attempt and the transcript so far', async () => {
    const body = await (await monitor()).json();
    expect(body.liveCalls).toEqual([
      {
        sid: answered,
        leadId: leadIds[0],
        attempt: 2,
        callee: { phone: '+819011110001', lineUserId: null, name: 'Sato' },
        status: 'answered',
        startedAt: '2026-12-03T01:00:00.000Z',
        answeredAt: '2026-12-03T01:00:10.000Z',
        transcript: [
          { speaker: 'agent', text: 'Hello, this is a reminder.', at: '2026-12-03T01:00:00.000Z' },
          { speaker: 'callee', text: 'Yes?', at: '2026-12-03T01:00:01.000Z' },
        ],
        takenOverBy: null,
      },
      {
        sid: ringing,
        leadId: leadIds[1],
        attempt: 1,
        callee: { phone: '+819011110002', lineUserId: null, name: 'Suzuki' },
        status: 'ringing',
        startedAt: '2026-12-03T01:00:05.000Z',
        answeredAt: null,
        transcript: [],
        takenOverBy: null,
      },
    ]);
  });
});

describe('cheap to poll', () => {
  test('a weak ETag; the same If-None-Match → 304 with no body; never stored by shared caches', async () => {
    const first = await monitor();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await monitor({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const listed = await monitor({ 'if-none-match': `W/"other", ${etag}` });
    expect(listed.status).toBe(304);
    const other = await monitor({ 'if-none-match': 'W/"something-else"' });
    expect(other.status).toBe(200);
  });

  test('a new transcript turn changes the ETag', async () => {
    const etag = (await monitor()).headers.get('etag')!;
    await env.db.query(
      `INSERT INTO agent_call_transcript_turns (sid, seq, speaker, text, spoken_at)
       VALUES ($1, 2, 'agent', 'Your invoice is due.', now())`,
      [answered],
    );
    const changed = await monitor({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect((await changed.json()).liveCalls[0].transcript).toHaveLength(3);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});
