// The campaign form's values: a new campaign's (the server's defaults, docs/campaigns.md#settings)
// or an existing campaign's own. An update sends only the settings that differ, because the server
// merges them over the campaign as it is when the PATCH arrives: a setting sent unchanged would
// undo another operator's change made meanwhile.
import { DEFAULT_RETRY_POLICY, type Campaign } from '../../../api/_lib/console-contract';
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

/** The campaign's settings as the form edits them (copies, so the form never changes the campaign). */
export function formValuesOf(campaign: Campaign): NewCampaignSettings {
  const { window, retry } = campaign;
  return {
    name: campaign.name,
    script: campaign.script,
    language: campaign.language,
    defaultCountry: campaign.defaultCountry,
    timeZone: campaign.timeZone,
    window: { startHour: window.startHour, endHour: window.endHour, days: [...window.days] },
    pacePerMinute: campaign.pacePerMinute,
    concurrency: campaign.concurrency,
    retry: {
      outcomes: [...retry.outcomes],
      delayMinutes: retry.delayMinutes,
      maxAttempts: retry.maxAttempts,
    },
  };
}

/** A blank time zone is left out, for the server to take the default country's. */
export function settingsToSend(values: NewCampaignSettings): NewCampaignSettings {
  const { timeZone, ...rest } = values;
  return timeZone?.trim() ? { ...rest, timeZone } : rest;
}

/** The settings that differ from the campaign's; the window and retry policy go whole. */
export function changesFrom(
  campaign: Campaign,
  values: NewCampaignSettings,
): Partial<NewCampaignSettings> {
  const current: Partial<Record<string, unknown>> = formValuesOf(campaign);
  return Object.fromEntries(
    Object.entries(settingsToSend(values)).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key]),
    ),
  );
}
