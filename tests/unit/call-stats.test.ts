import { describe, expect, test } from 'vitest';
import { callStats, type CallGroup } from '../../api/_lib/domain/call-stats';

const group = (overrides: Partial<CallGroup>): CallGroup => ({
  hour: 9,
  attempt: 1,
  answered: false,
  outcome: null,
  calls: 1,
  timed: 0,
  durationSeconds: 0,
  dialedSeconds: 60,
  ...overrides,
});

describe('the numbers of a set of calls', () => {
  test('no calls: zeroes, no average, every hour and the attempts asked for', () => {
    const stats = callStats([], 'Asia/Tokyo', 3);
    expect(stats).toMatchObject({
      calls: 0,
      answered: 0,
      answerRate: 0,
      averageDurationSeconds: null,
      minutesDialed: 0,
      outcomes: { confirmed: 0, declined: 0, call_back_later: 0, no_response: 0, completed: 0 },
      timeZone: 'Asia/Tokyo',
    });
    expect(stats.byHour.map((h) => h.hour)).toEqual([...Array(24).keys()]);
    expect(stats.byHour.every((h) => h.calls === 0 && h.answered === 0)).toBe(true);
    expect(stats.byAttempt).toEqual(
      [1, 2, 3].map((attempt) => ({ attempt, calls: 0, answered: 0 })),
    );
  });

  const groups = [
    group({ hour: 9, calls: 3, dialedSeconds: 180 }),
    group({
      hour: 9,
      answered: true,
      outcome: 'confirmed',
      calls: 2,
      timed: 2,
      durationSeconds: 100,
      dialedSeconds: 150,
    }),
    group({
      hour: 14,
      attempt: 2,
      answered: true,
      outcome: null,
      calls: 1,
      timed: 0,
      dialedSeconds: 30,
    }),
    group({
      hour: 23,
      attempt: 4,
      answered: true,
      outcome: 'declined',
      timed: 1,
      durationSeconds: 20,
    }),
  ];
  const stats = callStats(groups, 'UTC', 3);

  test.each([
    ['calls', stats.calls, 7],
    ['answered', stats.answered, 4],
    ['answer rate', stats.answerRate, 4 / 7],
    ['average duration of answered calls that ended', stats.averageDurationSeconds, 120 / 3],
    ['minutes dialed', stats.minutesDialed, (180 + 150 + 30 + 60) / 60],
  ])('%s', (_, actual, expected) => {
    expect(actual).toBeCloseTo(expected as number, 10);
  });

  test('outcomes of answered calls only', () => {
    expect(callStats([group({ outcome: 'no_response' })], 'UTC').outcomes.no_response).toBe(0);
    expect(stats.outcomes).toEqual({
      confirmed: 2,
      declined: 1,
      call_back_later: 0,
      no_response: 0,
      completed: 0,
    });
  });

  test.each([
    [9, 5, 2],
    [14, 1, 1],
    [23, 1, 1],
    [0, 0, 0],
  ])('hour %i: %i calls, %i answered', (hour, calls, answered) => {
    expect(stats.byHour[hour]).toEqual({ hour, calls, answered });
  });

  test('attempts past the ones asked for are listed, with none skipped', () => {
    expect(stats.byAttempt).toEqual([
      { attempt: 1, calls: 5, answered: 2 },
      { attempt: 2, calls: 1, answered: 1 },
      { attempt: 3, calls: 0, answered: 0 },
      { attempt: 4, calls: 1, answered: 1 },
    ]);
  });
});
