// Admins: the same numbers for agent calls outside campaigns ("call me now", API dispatches,
// call backs), over the last 7, 30 or 90 days.
import { useState } from 'react';
import { getAnalytics } from '../api/console-api';
import { useLoad } from '../hooks/use-load';
import { CallStatsView } from './call-stats-view';
import { LoadFailed, Loading } from './load-states';

const PERIODS = [7, 30, 90];

export function AnalyticsPage() {
  const [days, setDays] = useState(30);
  const [analytics, reload] = useLoad(`analytics-${days}`, (signal) =>
    getAnalytics(days, { signal }),
  );
  return (
    <>
      <div className="console-title">
        <h1>Agent call analytics</h1>
        <label>
          Period{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                Last {n} days
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">
        Agent calls outside campaigns: “call me now”, API dispatches and call backs.
      </p>
      <section className="console-card" aria-label="Agent calls">
        {analytics.status === 'loading' && <Loading label="Loading the analytics…" />}
        {analytics.status === 'failed' && (
          <LoadFailed what="the analytics" error={analytics.error} onRetry={reload} />
        )}
        {analytics.status === 'loaded' && <CallStatsView stats={analytics.value.stats} />}
      </section>
    </>
  );
}
