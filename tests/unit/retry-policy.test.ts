import { describe, expect, test } from 'vitest';
import { retryDelaySeconds, whenBusy } from '../../api/_lib/domain/retry-policy';

describe('"call me again" delays: 5, then 15, then 30 minutes; never a fourth', () => {
  test.each([
    [0, undefined],
    [1, 5 * 60],
    [2, 15 * 60],
    [3, 30 * 60],
    [4, undefined],
  ])('retry attempt %i waits %s s', (attempt, delay) => {
    expect(retryDelaySeconds(attempt)).toBe(delay);
  });
});

describe('a retry that finds the user busy waits 2 minutes, at most twice', () => {
  test.each([
    [0, { action: 'postpone', delaySeconds: 120 }],
    [1, { action: 'postpone', delaySeconds: 120 }],
    [2, { action: 'give-up' }],
    [3, { action: 'give-up' }],
  ])('postponed %i times before → %o', (postponedCount, decision) => {
    expect(whenBusy(postponedCount)).toEqual(decision);
  });
});
