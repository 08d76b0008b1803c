// The campaign form's values for a new campaign: the server's defaults (docs/campaigns.md#settings).
import { DEFAULT_RETRY_POLICY } from '../../../api/_lib/console-contract';
import type { NewCampaignSettings } from './api/console-api';

export const NEW_CAMPAIGN: NewCampaignSettings = {
  name: '',
  script: 'reminder',
  language: 'ja',
  defaultCountry: 'JP',
  timeZone: '',
  window: { startHour: 9, endHour: 20, days: [1, 2, 3, 4, 5] },
  pacePerMinute: 10,
  concurrency: 5,
  retry: { ...DEFAULT_RETRY_POLICY, outcomes: [...DEFAULT_RETRY_POLICY.outcomes] },
};

/** A blank time zone is left out, for the server to take the default country's. */
export function settingsToSend(values: NewCampaignSettings): NewCampaignSettings {
  const { timeZone, ...rest } = values;
  return timeZone?.trim() ? { ...rest, timeZone } : rest;
}
