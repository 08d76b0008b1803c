/**
 * The rules of campaigns and their operators, stated once: roles, the limits a campaign's settings
 * must stay in, and where a lead's local time is when only its country is known.
 */

export const OPERATOR_ROLES = ['admin', 'operator'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Bounds of a campaign's settings (the CHECKs of migration 010 hold the same). */
export const CAMPAIGN_LIMITS = {
  nameLength: 100,
  /** Calls started per minute. */
  pace: { min: 1, max: 120 },
  /** Live calls at once. */
  concurrency: { min: 1, max: 50 },
  /** Minutes before a retried lead is called again: up to a week. */
  retryDelayMinutes: { min: 1, max: 7 * 24 * 60 },
  /** Attempts per lead, the first included. */
  maxAttempts: { min: 1, max: 10 },
} as const;

/** No answer or busy → called again after 30 minutes, at most 2 more attempts (3 in all). */
export const DEFAULT_RETRY_POLICY = {
  outcomes: ['no_answer', 'busy'],
  delayMinutes: 30,
  maxAttempts: 3,
} as const;

/** Weekdays as ISO numbers, Monday 1 … Sunday 7. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The time zone of the countries people here call (each has one); a lead from elsewhere, or a
 * LINE user, is called in the campaign's own time zone.
 */
export const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  TW: 'Asia/Taipei',
  TH: 'Asia/Bangkok',
};

/** Whether the runtime knows an IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
