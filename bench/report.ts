/**
 * The bench's one output: rows of figure, value, budget and pass/fail, printed as a table and
 * written as JSON to bench/results/<timestamp>.json and latest.json. Also the two statistics the
 * figures use (median, nearest-rank percentile).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export interface Figure {
  /** e.g. "statements: webhook, state change" */
  name: string;
  /** What is compared with the budget, already formatted, e.g. "6" or "812 ev/s". */
  value: string;
  budget: string;
  /** null when the figure has no budget or could not be measured. */
  pass: boolean | null;
  /** Short, in the table: for ratios, both sides measured in the same run. */
  detail: string;
  /** Longer lines printed under the table. */
  explain?: string[];
  /** Everything measured, for the JSON file. */
  data?: unknown;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export const fixed = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    f.value,
    f.budget,
    f.pass === null ? '—' : f.pass ? 'pass' : 'FAIL',
    f.detail,
  ]);
  const header = ['figure', 'value', 'budget', 'result', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  const explained = figures.filter((f) => f.explain?.length);
  if (explained.length) console.log('');
  for (const f of explained)
    console.log(`${f.name}\n${f.explain!.map((l) => `  ${l}`).join('\n')}`);
}

export async function writeResults(
  dir: string,
  figures: Figure[],
  notes: string[],
): Promise<string> {
  const at = new Date();
  const report = {
    at: at.toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      loadavg: loadavg(),
      node: process.version,
    },
    figures,
    notes,
  };
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${at.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(file, json);
  await writeFile(join(dir, 'latest.json'), json);
  return file;
}
