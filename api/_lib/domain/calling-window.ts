/**
 * A campaign's calling window, read in a lead's own time zone: hours [startHour, endHour) on ISO
 * weekdays (1 Monday … 7 Sunday), so nobody is called at 3 a.m. where they are. Pure: the clock
 * is always passed in.
 */

export interface CallingWindow {
  startHour: number;
  endHour: number;
  days: readonly number[];
}

interface LocalTime {
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

const WEEKDAY_NUMBERS: Record<string, number> = {
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
  Sun: 7,
};

// Formatters are costly to build and a campaign has a handful of zones: one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    weekday: WEEKDAY_NUMBERS[parts.weekday!]!,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

export function isInWindow(window: CallingWindow, timeZone: string, at: Date): boolean {
  const local = localTime(at, timeZone);
  return (
    window.days.includes(local.weekday) &&
    local.hour >= window.startHour &&
    local.hour < window.endHour
  );
}

/** Hours to look ahead: a week and a day, so any window with at least one day is found. */
const HORIZON_HOURS = 8 * 24;

/**
 * `at` if the window is open then, else the first moment after it when the window opens (the
 * start of a local hour). Walks local hours, so a daylight-saving shift in between is followed.
 */
export function nextWindowOpening(window: CallingWindow, timeZone: string, at: Date): Date {
  if (isInWindow(window, timeZone, at)) return at;
  const local = localTime(at, timeZone);
  const hourStart =
    at.getTime() - (local.minute * 60 + local.second) * 1000 - at.getUTCMilliseconds();
  for (let hours = 1; hours <= HORIZON_HOURS; hours++) {
    const candidate = new Date(hourStart + hours * 3_600_000);
    if (isInWindow(window, timeZone, candidate)) return candidate;
  }
  throw new Error(`The calling window ${JSON.stringify(window)} never opens`);
}
