/**
 * "Call me again" rules as data (docs/decisions.md#retry-policy): at most 3
 * retries per original call, 5 then 15 then 30 minutes later; a retry that finds the user busy
 * waits 2 minutes, at most twice, then gives up.
 */
export const MAX_RETRIES = 3;

/** Where a queued "call me again" is: waiting, being run, or done one way or another. */
export const RETRY_STATUSES = [
  'scheduled',
  'executing',
  'executed',
  'canceled',
  'gave_up',
  'failed',
] as const;
export type RetryStatus = (typeof RETRY_STATUSES)[number];

const RETRY_DELAYS_SECONDS = [5 * 60, 15 * 60, 30 * 60] as const;
export const BUSY_WINDOW_SECONDS = 2 * 60;
const POSTPONE_SECONDS = 2 * 60;
const MAX_POSTPONES = 2;

/** The delay before retry attempt n (1-based), or undefined past the limit. */
export function retryDelaySeconds(attempt: number): number | undefined {
  return attempt >= 1 && attempt <= MAX_RETRIES ? RETRY_DELAYS_SECONDS[attempt - 1] : undefined;
}

export type BusyDecision = { action: 'postpone'; delaySeconds: number } | { action: 'give-up' };

export function whenBusy(postponedCount: number): BusyDecision {
  return postponedCount < MAX_POSTPONES
    ? { action: 'postpone', delaySeconds: POSTPONE_SECONDS }
    : { action: 'give-up' };
}
