import { describe, expect, test } from 'vitest';
import {
  isInWindow,
  nextWindowOpening,
  type CallingWindow,
} from '../../api/_lib/domain/calling-window';
import {
  IDLE_STEP_SECONDS,
  MAX_DIALS_PER_STEP,
  nextStepTick,
  stepBudget,
  tickOf,
} from '../../api/_lib/domain/campaign-dispatch';

/** The default window: 9–20 on weekdays. 2026-12-04 is a Friday, 12-05 a Saturday, 12-07 a Monday. */
const WEEKDAYS_9_TO_20: CallingWindow = { startHour: 9, endHour: 20, days: [1, 2, 3, 4, 5] };

describe('the calling window, in the lead’s own time zone', () => {
  test.each([
    // Tokyo is UTC+9, Bangkok UTC+7: the same instant is another local hour in each.
    ['Asia/Tokyo', '2026-12-06T23:59:00Z', 'Monday 08:59', false],
    ['Asia/Tokyo', '2026-12-07T00:00:00Z', 'Monday 09:00', true],
    ['Asia/Tokyo', '2026-12-07T10:59:59Z', 'Monday 19:59:59', true],
    ['Asia/Tokyo', '2026-12-07T11:00:00Z', 'Monday 20:00', false],
    ['Asia/Tokyo', '2026-12-05T03:00:00Z', 'Saturday 12:00', false],
    ['Asia/Bangkok', '2026-12-07T01:59:00Z', 'Monday 08:59', false],
    ['Asia/Bangkok', '2026-12-07T02:00:00Z', 'Monday 09:00', true],
    ['Asia/Bangkok', '2026-12-07T12:59:00Z', 'Monday 19:59', true],
    ['Asia/Bangkok', '2026-12-07T13:00:00Z', 'Monday 20:00', false],
    ['Asia/Bangkok', '2026-12-06T23:59:00Z', 'Sunday 06:59 (Monday in Tokyo)', false],
    ['Asia/Bangkok', '2026-12-05T05:00:00Z', 'Saturday 12:00', false],
  ])('%s at %s (%s): open %s', (zone, at, _local, open) => {
    expect(isInWindow(WEEKDAYS_9_TO_20, zone, new Date(at))).toBe(open);
  });

  test('a window to midnight includes 23:59 and every day may be named', () => {
    const lateShift = { startHour: 18, endHour: 24, days: [6, 7] };
    expect(isInWindow(lateShift, 'Asia/Tokyo', new Date('2026-12-05T14:59:00Z'))).toBe(true);
    expect(isInWindow(lateShift, 'Asia/Tokyo', new Date('2026-12-05T15:00:00Z'))).toBe(false);
  });
});

describe('the next opening of the window', () => {
  test.each([
    ['inside: now', 'Asia/Tokyo', '2026-12-07T03:00:00Z', '2026-12-07T03:00:00.000Z'],
    ['before 9: at 9', 'Asia/Tokyo', '2026-12-06T23:59:00Z', '2026-12-07T00:00:00.000Z'],
    ['Friday 20:00: Monday 9:00', 'Asia/Tokyo', '2026-12-04T11:00:00Z', '2026-12-07T00:00:00.000Z'],
    ['Saturday: Monday 9:00', 'Asia/Bangkok', '2026-12-05T05:00:00Z', '2026-12-07T02:00:00.000Z'],
    [
      'Monday in Tokyo, still Sunday',
      'Asia/Bangkok',
      '2026-12-07T00:30:00Z',
      '2026-12-07T02:00:00.000Z',
    ],
    [
      'after 20 on a Monday: Tuesday',
      'Asia/Bangkok',
      '2026-12-07T13:00:00Z',
      '2026-12-08T02:00:00.000Z',
    ],
    [
      'half past an hour: the next full hour that opens',
      'Asia/Kolkata',
      '2026-12-07T03:00:00Z',
      '2026-12-07T03:30:00.000Z',
    ],
  ])('%s (%s, %s)', (_case, zone, at, expected) => {
    expect(nextWindowOpening(WEEKDAYS_9_TO_20, zone, new Date(at)).toISOString()).toBe(expected);
  });

  test('across a daylight-saving change: 9:00 local on the day the clocks moved', () => {
    const everyDay = { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5, 6, 7] };
    // New York moved from UTC-5 to UTC-4 at 2:00 on Sunday 2026-03-08.
    const opening = nextWindowOpening(
      everyDay,
      'America/New_York',
      new Date('2026-03-07T23:00:00Z'),
    );
    expect(opening.toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });
});

describe('how many leads a step claims', () => {
  test.each([
    [{ pacePerMinute: 10, concurrency: 5, dialedInLastMinute: 0, calling: 0 }, 5],
    [{ pacePerMinute: 10, concurrency: 5, dialedInLastMinute: 8, calling: 0 }, 2],
    [{ pacePerMinute: 10, concurrency: 5, dialedInLastMinute: 0, calling: 4 }, 1],
    [{ pacePerMinute: 10, concurrency: 5, dialedInLastMinute: 10, calling: 0 }, 0],
    [{ pacePerMinute: 10, concurrency: 5, dialedInLastMinute: 3, calling: 7 }, 0],
    [
      { pacePerMinute: 120, concurrency: 50, dialedInLastMinute: 0, calling: 0 },
      MAX_DIALS_PER_STEP,
    ],
  ])('%o → %i', (input, expected) => {
    expect(stepBudget(input)).toBe(expected);
  });
});

describe('when the next step runs', () => {
  const now = new Date('2026-12-07T03:00:02Z'); // Monday 12:00 in Tokyo, 10:00 in Bangkok
  const tick = tickOf(now);
  const base = { tick, now, window: WEEKDAYS_9_TO_20, calling: 0, heldBack: null };
  const grid = IDLE_STEP_SECONDS / 5;

  test('nothing waiting and no call: none (the campaign is complete)', () => {
    expect(nextStepTick({ ...base, waiting: [] })).toBeNull();
  });

  test('held back by the pace: the next tick', () => {
    const waiting = [{ timeZone: 'Asia/Tokyo', earliestDue: null }];
    expect(nextStepTick({ ...base, waiting, heldBack: 'pace' })).toBe(tick + 1);
  });

  test('held back by the concurrency, or only calls live: the idle grid', () => {
    const waiting = [{ timeZone: 'Asia/Tokyo', earliestDue: new Date('2026-12-08T00:00:00Z') }];
    const next = nextStepTick({ ...base, waiting, calling: 3, heldBack: 'concurrency' })!;
    expect(next % grid).toBe(0);
    expect(next).toBeGreaterThan(tick);
    expect(next - tick).toBeLessThanOrEqual(grid);
    expect(nextStepTick({ ...base, waiting: [], calling: 1 })).toBe(next);
    const dueNow = [{ timeZone: 'Asia/Tokyo', earliestDue: null }];
    expect(nextStepTick({ ...base, waiting: dueNow, calling: 5, heldBack: 'concurrency' })).toBe(
      next,
    );
  });

  test('only a retry due later: its time, moved into the window', () => {
    const due = new Date('2026-12-07T10:45:00Z'); // 19:45 in Tokyo: open
    expect(nextStepTick({ ...base, waiting: [{ timeZone: 'Asia/Tokyo', earliestDue: due }] })).toBe(
      tickOf(due),
    );
    const late = new Date('2026-12-07T11:15:00Z'); // 20:15: the next morning, 9:00
    expect(
      nextStepTick({ ...base, waiting: [{ timeZone: 'Asia/Tokyo', earliestDue: late }] }),
    ).toBe(tickOf(new Date('2026-12-08T00:00:00Z')));
  });

  test('waiting leads in a closed zone: when it opens; the earliest zone wins', () => {
    const friday = new Date('2026-12-04T11:30:00Z'); // 20:30 Tokyo, 18:30 Bangkok
    const waiting = [
      { timeZone: 'Asia/Tokyo', earliestDue: null },
      { timeZone: 'Asia/Bangkok', earliestDue: new Date('2026-12-04T12:00:00Z') },
    ];
    expect(nextStepTick({ ...base, tick: tickOf(friday), now: friday, waiting })).toBe(
      tickOf(new Date('2026-12-04T12:00:00Z')),
    );
  });

  test('always a later tick than the step’s own', () => {
    const waiting = [{ timeZone: 'Asia/Tokyo', earliestDue: null }];
    expect(nextStepTick({ ...base, tick: tick + 10, waiting, heldBack: 'pace' })).toBe(tick + 11);
  });
});
