/**
 * The calling window in each lead's own time zone, at its edges: leads in Tokyo (UTC+9) and
 * Bangkok (UTC+7) under the default window (9–20, Monday–Friday) are dialled from 09:00 and not
 * from 20:00 where they are, not on a weekend; the next step waits for the first zone to open;
 * a retry that would fall after 20:00 on a Friday is due at 09:00 on Monday.
 */
import { describe, expect, test } from 'vitest';
import { applyToSession } from '../../api/_lib/agent-calls/apply-to-session';
import { moveLead } from '../../api/_lib/campaigns/lead-follows-session';
import { tickOf } from '../../api/_lib/domain/campaign-dispatch';
import { AGENT_SETTINGS } from '../support/agent-calls';
import { leadStates, stepAt } from '../support/campaign-dispatch';
import { campaignAction, createCampaign, uploadLeads } from '../support/campaigns';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'], env: AGENT_SETTINGS });

/** A campaign under the default window with these numbers (JP: Tokyo, TH: Bangkok), started. */
async function campaignOf(phones: string[], settings: Record<string, unknown> = {}) {
  const campaign = await createCampaign(env, env.users.alice, {
    concurrency: 50,
    pacePerMinute: 120,
    ...settings,
  });
  const upload = await uploadLeads(
    env,
    env.users.alice,
    campaign.id,
    `phone\n${phones.join('\n')}\n`,
  );
  expect(upload.status).toBe(201);
  expect((await campaignAction(env, env.users.alice, campaign.id, 'start')).status).toBe(200);
  return campaign.id;
}

/** Which of the campaign's leads are dialing, by time zone. */
async function dialingZones(id: string) {
  return (await leadStates(env, id)).filter((l) => l.status === 'dialing').map((l) => l.time_zone);
}

const at = (iso: string) => new Date(iso);

describe('opening: 09:00 where the lead is', () => {
  test('Tokyo opens at 00:00 UTC, Bangkok at 02:00 UTC; a minute before, nobody', async () => {
    const id = await campaignOf(['+819012340001', '+66812340001']);
    expect((await leadStates(env, id)).map((l) => l.time_zone)).toEqual([
      'Asia/Tokyo',
      'Asia/Bangkok',
    ]);
    // Monday 08:59 in Tokyo (Sunday 06:59 in Bangkok): nothing; the next step at Tokyo's 09:00.
    const early = await stepAt(id, at('2026-12-06T23:59:00Z'));
    expect(early).toMatchObject({ dials: {}, nextTick: tickOf(at('2026-12-07T00:00:00Z')) });
    expect(await stepAt(id, at('2026-12-07T00:00:00Z'))).toMatchObject({ dials: { dialed: 1 } });
    expect(await dialingZones(id)).toEqual(['Asia/Tokyo']);
    expect(await stepAt(id, at('2026-12-07T01:59:00Z'))).toMatchObject({ dials: {} });
    expect(await stepAt(id, at('2026-12-07T02:00:00Z'))).toMatchObject({ dials: { dialed: 1 } });
    expect(await dialingZones(id)).toEqual(['Asia/Tokyo', 'Asia/Bangkok']);
  });
});

describe('closing: 20:00 where the lead is', () => {
  test('19:59 in both: both dialled', async () => {
    const id = await campaignOf(['+819012340002', '+66812340002']);
    // 10:59 UTC is 19:59 in Tokyo and 17:59 in Bangkok.
    expect(await stepAt(id, at('2026-12-07T10:59:00Z'))).toMatchObject({ dials: { dialed: 2 } });
  });

  test('20:00 in Tokyo: only Bangkok, until its own 20:00; Tokyo waits for Tuesday 09:00', async () => {
    const id = await campaignOf(['+819012340003', '+66812340003', '+66812340004'], {
      pacePerMinute: 1,
    });
    expect(await stepAt(id, at('2026-12-07T11:00:00Z'))).toMatchObject({ dials: { dialed: 1 } });
    expect(await dialingZones(id)).toEqual(['Asia/Bangkok']);
    // Bangkok 19:59: its second lead.
    expect(await stepAt(id, at('2026-12-07T12:59:00Z'))).toMatchObject({ dials: { dialed: 1 } });
    expect(await dialingZones(id)).toEqual(['Asia/Bangkok', 'Asia/Bangkok']);
    const closed = await stepAt(id, at('2026-12-07T13:00:00Z'));
    expect(closed).toMatchObject({ dials: {} });
    // Calls are live, so the idle grid comes first; with none it would be Tuesday 09:00 Tokyo.
    expect((closed as { nextTick: number }).nextTick).toBeLessThanOrEqual(
      tickOf(at('2026-12-08T00:00:00Z')),
    );
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'pending' });
  });
});

describe('weekends', () => {
  test('Saturday noon in both zones: nobody; the next step on Monday 09:00 in Tokyo', async () => {
    const id = await campaignOf(['+819012340005', '+66812340005']);
    const saturday = await stepAt(id, at('2026-12-05T03:00:00Z'));
    expect(saturday).toMatchObject({ dials: {}, nextTick: tickOf(at('2026-12-07T00:00:00Z')) });
  });
});

describe('a retry moved into the window', () => {
  test('no answer at 19:45 on a Friday in Tokyo, 30 min later is 20:15: Monday 09:00', async () => {
    const id = await campaignOf(['+819012340006']);
    const friday = at('2026-12-04T10:45:00Z');
    expect(await stepAt(id, friday)).toMatchObject({ dials: { dialed: 1 } });
    const [lead] = await leadStates(env, id);
    await moveLead(Number(lead!.id), 1, { type: 'finished', outcome: 'no_answer' }, {}, friday);
    // Its call ends too (the lead has moved already: the same event id, nothing changes).
    const { rows } = await env.db.query(
      'SELECT sid FROM agent_call_sessions WHERE campaign_lead_id = $1',
      [lead!.id],
    );
    await applyToSession({
      id: rows[0].sid,
      event: { type: 'no-answer' },
      origin: { source: 'system' },
    });
    expect((await leadStates(env, id))[0]).toMatchObject({
      status: 'retry_scheduled',
      next_attempt_at: at('2026-12-07T00:00:00Z'),
    });
    // Nothing on the call, one retry waiting: the next step is when it is due.
    const waiting = await stepAt(id, at('2026-12-04T10:46:00Z'));
    expect(waiting).toMatchObject({ dials: {}, nextTick: tickOf(at('2026-12-07T00:00:00Z')) });
    expect(await stepAt(id, at('2026-12-07T00:00:00Z'))).toMatchObject({ dials: { dialed: 1 } });
    expect((await leadStates(env, id))[0]).toMatchObject({ status: 'dialing', attempts: 2 });
  });
});
