/**
 * Lead import at scale: 100,000 leads into one campaign, as the product takes them.
 * One upload is at most 4 MB (about 50,000 rows, docs/campaigns.md#importing-leads), so the file
 * goes in as two uploads of 50,000 rows, each its own import. The rows are JP, KR, TW and TH
 * mobile numbers written as people write them (a JP campaign: Japanese numbers in national
 * format, with dashes, brackets, spaces or full-width digits; the others with their + code) and
 * the reminder's fields, all distinct, so every row is added.
 *
 * Each upload goes through the real console function over HTTP, as the dev server and the tests
 * call it (tests/support/test-environment.ts, in process), once on PGlite and once on Postgres
 * (a fresh schema at the bench's Postgres URL). Each database runs in a Node process of its own,
 * so the memory figure is that of one import process: the RSS sampled every 20 ms during each
 * upload, and the process's lifetime high-water mark (`resourceUsage().maxRSS`). The process
 * holds the client side too (the 3.3 MB file it sends), and with PGlite the database itself
 * (WebAssembly, in the same process); Postgres's own backends are not counted.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MAX_CSV_BYTES } from '../api/_lib/campaigns/lead-csv';
import { createCampaign, uploadLeads } from '../tests/support/campaigns';
import { startTestEnvironment } from '../tests/support/test-environment';
import { measureInChild, reportToParent } from './child-measure';
import { fixed, type Figure } from './report';
import { reachablePostgres } from './world';

const UPLOADS = 2;
const ROWS_PER_UPLOAD = 50_000;
const HEADER = 'phone,customer_name,invoice_number,amount_due,currency,due_date';
const CHILD_TIMEOUT_MS = 10 * 60_000;

interface UploadResult {
  ms: number;
  bytes: number;
  /** Highest RSS sampled during the upload, MB. */
  peakRssMb: number;
  report: { rowsRead: number; added: number; skipped: number; merged: number; rejected: number };
}

interface ImportRun {
  database: string;
  /** RSS before the first upload (server started, files generated), MB. */
  baselineRssMb: number;
  uploads: UploadResult[];
  leadsInCampaign: number;
  maxRssMb: number;
  /** The 1-minute load average before the first upload and after the last. */
  load: [number, number];
}

export async function leadImport(): Promise<Figure[]> {
  const postgres = await reachablePostgres();
  const figures = [await importFigure('PGlite', { TEST_DATABASE_URL: undefined })];
  figures.push(
    postgres
      ? await importFigure('Postgres', { TEST_DATABASE_URL: postgres })
      : {
          name: 'lead import, Postgres',
          value: 'skipped',
          budget: '',
          pass: null,
          detail: 'no Postgres answered',
        },
  );
  return figures;
}

async function importFigure(
  label: string,
  env: Record<string, string | undefined>,
): Promise<Figure> {
  const run = await measureInChild<ImportRun>({
    script: 'lead-import.ts',
    env,
    timeoutMs: CHILD_TIMEOUT_MS,
  });
  const perUpload = run.uploads.map((u) => `${fixed(u.ms)} ms`).join(' + ');
  const rates = run.uploads.map((u) => fixed((ROWS_PER_UPLOAD / u.ms) * 1000));
  const total = run.uploads.reduce((sum, u) => sum + u.ms, 0);
  const added = run.uploads.reduce((sum, u) => sum + u.report.added, 0);
  const complete = added === UPLOADS * ROWS_PER_UPLOAD && run.leadsInCampaign === added;
  return {
    name: `lead import, ${UPLOADS} × ${fixed(ROWS_PER_UPLOAD)} rows, ${label}`,
    value: complete ? perUpload : 'error',
    budget: '',
    pass: complete ? null : false,
    detail: complete
      ? `${rates.join(' / ')} rows/s; peak RSS ${fixed(run.maxRssMb)} MB (${fixed(run.baselineRssMb)} MB before); load ${run.load.map((n) => n.toFixed(1)).join('→')}`
      : `added ${added} of ${UPLOADS * ROWS_PER_UPLOAD}, ${run.leadsInCampaign} in the campaign`,
    explain: [
      `${label}: ${run.database}; ${fixed(total)} ms for ${fixed(added)} leads in all, ${fixed((added / total) * 1000)} rows/s`,
      ...run.uploads.map(
        (u, i) =>
          `upload ${i + 1}: ${(u.bytes / 1024 / 1024).toFixed(2)} MB, ${fixed(u.ms)} ms, peak RSS during it ${fixed(u.peakRssMb)} MB, ${JSON.stringify(u.report)}`,
      ),
    ],
    data: run,
  };
}

/** Mobile numbers of four countries, as people in a Japanese campaign write them. */
const WRITTEN: [currency: string, phone: (n: number) => string][] = [
  ['JPY', (n) => `090-${digits(n, 4, 4)}`],
  ['JPY', (n) => `(080) ${digits(n, 4, ' ', 4)}`],
  ['JPY', (n) => toFullWidth(`070${digits(n, 8)}`)],
  ['KRW', (n) => `+82 10-${digits(n, 4, 4)}`],
  ['KRW', (n) => `+82-10-${digits(n + 5_000_000, 4, 4)}`],
  ['TWD', (n) => `+886 9${digits(n, 2, 3, 3)}`],
  ['THB', (n) => `+66 8${digits(n, 1, 3, 4)}`],
  ['THB', (n) => `+66 (0)9${digits(n, 1, ' ', 3, ' ', 4)}`],
];
const NAMES = ['佐藤 花子', '김민준', '陳怡君', 'สมชาย ใจดี', 'Tanaka Ken'];

/**
 * `n`'s digits in groups of the given sizes, joined by a dash unless a separator is given before
 * the group: digits(20000012, 4, 4) → "2000-0012", digits(20000012, 4, ' ', 4) → "2000 0012".
 */
function digits(n: number, ...groups: (number | string)[]): string {
  const all = String(n);
  let [at, out, separator] = [0, '', ''];
  for (const group of groups) {
    if (typeof group === 'string') {
      separator = group;
      continue;
    }
    out += (at === 0 ? '' : separator || '-') + all.slice(at, (at += group));
    separator = '';
  }
  return out;
}

const toFullWidth = (text: string) =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Upload `part` (0-based) of the 100,000 rows: distinct numbers across both parts. */
function leadFile(part: number): string {
  const rows = [HEADER];
  for (let i = 0; i < ROWS_PER_UPLOAD; i++) {
    const row = part * ROWS_PER_UPLOAD + i;
    const [currency, write] = WRITTEN[row % WRITTEN.length]!;
    // Each way of writing has its own run of numbers; eight digits starting with 2 are a mobile
    // number in every one of the four countries' plans.
    const phone = write(20_000_000 + Math.floor(row / WRITTEN.length));
    const name = NAMES[row % NAMES.length]!;
    rows.push(
      `${phone},${name},INV-${String(row).padStart(6, '0')},${1000 + (row % 90_000)},${currency},2026-12-31`,
    );
  }
  return `${rows.join('\n')}\n`;
}

async function measureImport(): Promise<ImportRun> {
  const env = await startTestEnvironment();
  try {
    const alice = env.users.alice;
    const campaign = await createCampaign(env, alice, { language: 'ja', defaultCountry: 'JP' });
    const files = Array.from({ length: UPLOADS }, (_, part) => leadFile(part));
    const baselineRssMb = process.memoryUsage.rss() / 1024 / 1024;
    const loadBefore = loadavg()[0]!;
    const uploads: UploadResult[] = [];
    for (const csv of files) {
      const bytes = Buffer.byteLength(csv);
      if (bytes > MAX_CSV_BYTES) throw new Error(`the file is ${bytes} bytes, over the limit`);
      let peak = process.memoryUsage.rss();
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
      const started = performance.now();
      const response = await uploadLeads(env, alice, campaign.id, csv);
      const body = (await response.json()) as { import?: UploadResult['report'] };
      const ms = performance.now() - started;
      clearInterval(sampler);
      if (response.status !== 201 || !body.import) {
        throw new Error(`upload answered ${response.status}: ${JSON.stringify(body)}`);
      }
      uploads.push({ ms, bytes, peakRssMb: peak / 1024 / 1024, report: body.import });
    }
    const { rows } = await env.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM campaign_leads WHERE campaign_id = $1',
      [campaign.id],
    );
    return {
      database: process.env.TEST_DATABASE_URL
        ? `Postgres, a fresh schema at ${new URL(process.env.TEST_DATABASE_URL).host}`
        : 'PGlite in this process (in memory)',
      baselineRssMb,
      uploads,
      leadsInCampaign: rows[0]!.n,
      // maxRSS is in kilobytes.
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      load: [loadBefore, loadavg()[0]!],
    };
  } finally {
    await env.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log = () => {}; // the app's own log lines
  await reportToParent(await measureImport());
}
