/**
 * Bar charts for the results, drawn with uPlot. Why uPlot: the console needs a few bar charts
 * (by hour, by attempt, by outcome) and nothing else; uPlot is one small, dependency-free,
 * actively kept package with bars built in (`uPlot.paths.bars`), fast on canvas. Measured with
 * esbuild, minified and gzipped: uPlot 1.6 is 23 kB; Chart.js 4.6 with only its bar controller,
 * category and linear scales and tooltip registered is 53 kB. It is in the console's chunk
 * only. A canvas says nothing to a screen reader, so each chart carries its numbers as a table.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface BarChartProps {
  title: string;
  labels: string[];
  /** One per label; null draws no bar (a rate with no calls under it). */
  values: (number | null)[];
  /** What the values are, for the table. */
  valueName: string;
  /** How a value reads on the axis and in the table. */
  format?: (value: number) => string;
  /** The top of the value axis, when it is fixed (1 for a rate). */
  max?: number;
  color?: string;
  height?: number;
}

export function BarChart({
  title,
  labels,
  values,
  valueName,
  format = String,
  max,
  color = '#06c755',
  height = 200,
}: BarChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const widthNow = () => Math.max(element.clientWidth, 240);
    const chart = new uPlot(
      {
        width: widthNow(),
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.5, labels.length - 0.5] },
          y: { range: (_, __, dataMax) => [0, max ?? Math.max(1, Math.ceil(dataMax * 1.1))] },
        },
        axes: [
          {
            // Many labels (24 hours): every third, so they never run into each other.
            splits: () => labels.map((_, i) => i).filter((i) => labels.length <= 12 || i % 3 === 0),
            values: (_, splits) => splits.map((i) => labels[i] ?? ''),
            grid: { show: false },
            size: 44,
            font: '11px system-ui, sans-serif',
          },
          { values: (_, splits) => splits.map(format), size: 56 },
        ],
        series: [
          {},
          {
            label: valueName,
            fill: color,
            stroke: color,
            paths: uPlot.paths.bars!({ size: [0.7, 48] }),
            points: { show: false },
          },
        ],
      },
      [labels.map((_, i) => i), values],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: widthNow(), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [labels, values, valueName, format, max, color, height]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} className="chart__canvas" aria-hidden="true" />
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{valueName}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{values[i] == null ? '–' : format(values[i]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
