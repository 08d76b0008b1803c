const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "now", "5 minutes ago", "yesterday"; past a week, the date. */
export function relativeTime(iso: string, now: number, locale: string): string {
  const time = Date.parse(iso);
  const seconds = Math.round((time - now) / 1000);
  const age = Math.abs(seconds);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (age < MINUTE) return format.format(0, 'second');
  if (age < HOUR) return format.format(Math.round(seconds / MINUTE), 'minute');
  if (age < DAY) return format.format(Math.round(seconds / HOUR), 'hour');
  if (age < 7 * DAY) return format.format(Math.round(seconds / DAY), 'day');
  return new Date(time).toLocaleDateString(locale, { month: 'short', day: 'numeric' });
}
