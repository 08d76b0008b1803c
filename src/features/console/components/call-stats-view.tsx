// The numbers of a set of agent calls (a campaign's, or every call outside campaigns): answer
// rate, durations, minutes dialed, and three charts — answer rate by hour of day, answer rate by
// attempt (does calling again pay?), conversation outcomes.
import { useMemo } from 'react';
import type { CallStats } from '../../../../api/_lib/console-contract';
import { clock, outcomeName, percent } from '../console-words';
import { BarChart } from './bar-chart';
import { Counter } from './counter';

const rate = (calls: number, answered: number) => (calls === 0 ? null : answered / calls);
const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

export function CallStatsView({ stats }: { stats: CallStats }) {
  const charts = useMemo(
    () => ({
      hours: {
        labels: stats.byHour.map((h) => String(h.hour)),
        values: stats.byHour.map((h) => rate(h.calls, h.answered)),
      },
      attempts: {
        labels: stats.byAttempt.map((a) => `${ordinal(a.attempt)} (${a.calls})`),
        values: stats.byAttempt.map((a) => rate(a.calls, a.answered)),
      },
      outcomes: {
        // Two lines ("Call back / later") so five outcomes fit side by side.
        labels: Object.keys(stats.outcomes).map((o) => outcomeName(o).replace(' ', '\n')),
        values: Object.values(stats.outcomes),
      },
    }),
    [stats],
  );
  return (
    <>
      <dl className="counters" aria-label="Call numbers">
        <Counter label="Calls dialed" value={stats.calls} />
        <Counter label="Answered" value={stats.answered} />
        <Counter label="Answer rate" value={percent(stats.answerRate)} />
        <Counter
          label="Average call"
          value={stats.averageDurationSeconds === null ? '–' : clock(stats.averageDurationSeconds)}
        />
        <Counter label="Minutes dialed" value={Math.round(stats.minutesDialed)} />
      </dl>
      {stats.calls === 0 ? (
        <p className="muted">No calls yet: the charts appear once calls have been dialed.</p>
      ) : (
        <div className="charts">
          <BarChart
            title={`Answer rate by hour of day (${stats.timeZone})`}
            valueName="Answer rate"
            labels={charts.hours.labels}
            values={charts.hours.values}
            format={percent}
            max={1}
          />
          <BarChart
            title="Answer rate by attempt (calls made)"
            valueName="Answer rate"
            labels={charts.attempts.labels}
            values={charts.attempts.values}
            format={percent}
            max={1}
            color="#3b82f6"
          />
          <BarChart
            title="Outcomes of answered calls"
            valueName="Calls"
            labels={charts.outcomes.labels}
            values={charts.outcomes.values}
            color="#8b5cf6"
          />
        </div>
      )}
    </>
  );
}
