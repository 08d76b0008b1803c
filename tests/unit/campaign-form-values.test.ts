import { describe, expect, test } from 'vitest';
import type { Campaign } from '../../api/_lib/console-contract';
import type { NewCampaignSettings } from '../../src/features/console/api/console-api';
import {
  changesFrom,
  formValuesOf,
  NEW_CAMPAIGN,
  settingsToSend,
} from '../../src/features/console/campaign-form-values';

const campaign = {
  id: 'c1',
  status: 'paused',
  ...NEW_CAMPAIGN,
  name: 'December reminders',
  timeZone: 'Asia/Tokyo',
  sipTrunkId: null,
  callerId: null,
} as Campaign;

const edited = (change: (values: NewCampaignSettings) => Partial<NewCampaignSettings>) => {
  const values = formValuesOf(campaign);
  return { ...values, ...change(values) };
};

describe('what the settings form sends', () => {
  test.each<[string, NewCampaignSettings, Partial<NewCampaignSettings>]>([
    ['nothing when nothing changed', formValuesOf(campaign), {}],
    ['the pace alone', edited(() => ({ pacePerMinute: 30 })), { pacePerMinute: 30 }],
    [
      'the whole window when one hour changed',
      edited((v) => ({ window: { ...v.window, endHour: 18 } })),
      { window: { startHour: 9, endHour: 18, days: [1, 2, 3, 4, 5] } },
    ],
    [
      'the whole retry policy when one outcome changed',
      edited((v) => ({ retry: { ...v.retry, outcomes: ['busy'] } })),
      { retry: { ...campaign.retry, outcomes: ['busy'] } },
    ],
    [
      'a new country without the old zone, for the server to take its own',
      edited(() => ({ defaultCountry: 'KR', timeZone: '' })),
      { defaultCountry: 'KR' },
    ],
    ['a new zone', edited(() => ({ timeZone: 'Asia/Seoul' })), { timeZone: 'Asia/Seoul' }],
  ])('%s', (_, values, changes) => {
    expect(changesFrom(campaign, values)).toEqual(changes);
  });

  test('a new campaign leaves a blank time zone to the server', () => {
    expect(settingsToSend(NEW_CAMPAIGN)).not.toHaveProperty('timeZone');
    expect(settingsToSend({ ...NEW_CAMPAIGN, timeZone: 'Asia/Singapore' }).timeZone).toBe(
      'Asia/Singapore',
    );
  });

  test("the form's values are copies: editing them leaves the campaign as it is", () => {
    formValuesOf(campaign).window.days.push(6);
    expect(campaign.window.days).toEqual([1, 2, 3, 4, 5]);
  });
});
