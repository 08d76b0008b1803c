/**
 * A campaign's settings as the console sends them, checked against the domain's bounds, with the
 * defaults a new campaign gets. An update sends only what changes; it is merged over the
 * campaign as it is and checked whole again.
 */
import { isSupportedCountry } from 'libphonenumber-js/max';
import * as z from 'zod/mini';
import type { Campaign, CampaignSettings } from '../db/campaigns.js';
import { AGENT_SCRIPTS } from '../domain/agent-conversation.js';
import {
  CAMPAIGN_LIMITS,
  COUNTRY_TIME_ZONES,
  DEFAULT_RETRY_POLICY,
  isTimeZone,
  WEEKDAYS,
} from '../domain/campaign-rules.js';
import { RETRYABLE_OUTCOMES } from '../domain/lead-lifecycle.js';
import { badRequest } from '../errors.js';
import { LANGUAGES } from '../i18n/language.js';

const int = (bounds: { min: number; max: number }) =>
  z.int().check(z.minimum(bounds.min), z.maximum(bounds.max));
const unique = <T>(values: T[]) => new Set(values).size === values.length;

const Window = z
  .strictObject({
    startHour: int({ min: 0, max: 23 }),
    endHour: int({ min: 1, max: 24 }),
    days: z
      .array(z.union(WEEKDAYS.map((day) => z.literal(day))))
      .check(z.minLength(1), z.refine(unique, 'a day named twice')),
  })
  .check(z.refine((w) => w.startHour < w.endHour, 'startHour must be before endHour'));

const Retry = z.strictObject({
  outcomes: z.array(z.enum(RETRYABLE_OUTCOMES)).check(z.refine(unique, 'an outcome twice')),
  delayMinutes: int(CAMPAIGN_LIMITS.retryDelayMinutes),
  maxAttempts: int(CAMPAIGN_LIMITS.maxAttempts),
});

const FIELDS = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(CAMPAIGN_LIMITS.nameLength)),
  script: z.enum(AGENT_SCRIPTS),
  language: z.enum(LANGUAGES),
  defaultCountry: z
    .string()
    .check(
      z.refine((code) => isSupportedCountry(code), 'not a country code (e.g. JP, KR, TW, TH)'),
    ),
  timeZone: z.optional(z.string().check(z.refine(isTimeZone, 'not an IANA time zone'))),
  window: Window,
  pacePerMinute: int(CAMPAIGN_LIMITS.pace),
  concurrency: int(CAMPAIGN_LIMITS.concurrency),
  retry: Retry,
  sipTrunkId: z.nullable(z.string().check(z.minLength(1), z.maxLength(100))),
  callerId: z.nullable(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'not an E.164 number'))),
};

/** What POST /api/console/campaigns takes; what it leaves out gets these defaults. */
export const NewCampaign = z.strictObject({
  ...FIELDS,
  window: z._default(FIELDS.window, { startHour: 9, endHour: 20, days: [1, 2, 3, 4, 5] }),
  pacePerMinute: z._default(FIELDS.pacePerMinute, 10),
  concurrency: z._default(FIELDS.concurrency, 5),
  retry: z._default(FIELDS.retry, {
    ...DEFAULT_RETRY_POLICY,
    outcomes: [...DEFAULT_RETRY_POLICY.outcomes],
  }),
  sipTrunkId: z._default(FIELDS.sipTrunkId, null),
  callerId: z._default(FIELDS.callerId, null),
});
/** What PATCH /api/console/campaigns/:id takes: any of the settings, nothing defaulted. */
export const CampaignChanges = z.partial(z.strictObject(FIELDS));

export function newSettings(input: z.output<typeof NewCampaign>): CampaignSettings {
  const timeZone = input.timeZone ?? COUNTRY_TIME_ZONES[input.defaultCountry];
  if (!timeZone) {
    throw badRequest(
      'time_zone_required',
      `Send timeZone: ${input.defaultCountry} numbers are not read in a time zone of their own.`,
    );
  }
  return { ...input, timeZone };
}

/** The campaign's settings with the changes applied, checked as a whole. */
export function changedSettings(
  campaign: Campaign,
  changes: z.output<typeof CampaignChanges>,
): CampaignSettings {
  const current: Record<string, unknown> = {
    name: campaign.name,
    script: campaign.script,
    language: campaign.language,
    defaultCountry: campaign.defaultCountry,
    timeZone: campaign.timeZone,
    window: campaign.window,
    pacePerMinute: campaign.pacePerMinute,
    concurrency: campaign.concurrency,
    retry: campaign.retry,
    sipTrunkId: campaign.sipTrunkId,
    callerId: campaign.callerId,
  };
  // A new default country brings its own time zone unless one is sent.
  if (changes.defaultCountry && !changes.timeZone) delete current.timeZone;
  const merged = Object.fromEntries(
    Object.entries({ ...current, ...changes }).filter(([, value]) => value !== undefined),
  );
  const result = NewCampaign.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw badRequest('invalid_request', `${issue.path.join('.')}: ${issue.message}`);
  }
  return newSettings(result.data);
}
