/**
 * Delayed jobs through QStash: publish with a delay and a deduplication id, and verify what
 * QStash delivers (Upstash-Signature, current then next signing key) on the raw body before
 * anything else. QStash delivers at least once and retries anything but a 2xx.
 */
import { getConfig } from '../config.js';
import { AppError, unauthorized } from '../errors.js';
import { readBody } from '../http.js';
import type { JobName, JobPayload } from '../jobs/registry.js';

/** Retries QStash makes after a failed delivery (its backoff is exponential). */
const DELIVERY_RETRIES = 5;

/** Publishes `job`; `deduplicationId` is the run's `jobId` (jobs/job-id.ts). */
export async function scheduleJob<Name extends JobName>(
  job: Name,
  body: JobPayload<Name>,
  options: { delaySeconds: number; deduplicationId: string; timeoutSeconds?: number },
): Promise<void> {
  const config = qstashConfig();
  assertQStashCanReach(config.url, jobUrl(job));
  const { Client } = await import('@upstash/qstash');
  const client = new Client({ baseUrl: config.url, token: config.token });
  try {
    await client.publishJSON({
      url: jobUrl(job),
      body,
      delay: options.delaySeconds,
      deduplicationId: options.deduplicationId,
      retries: DELIVERY_RETRIES,
      ...(options.timeoutSeconds ? { timeout: options.timeoutSeconds } : {}),
    });
  } catch (error) {
    throw new AppError('scheduler_unavailable', 503, 'Could not schedule a job; try again.', {
      cause: error,
    });
  }
}

/** The QStash schedule that delivers the `sweep` job every minute (README: "Periodic sweep"). */
const SWEEP_SCHEDULE = { scheduleId: 'liff-calls-sweep', cron: '* * * * *' };

/** Creates the sweep schedule, or replaces it (same id): safe to run on every deploy. */
export async function ensureSweepSchedule(): Promise<void> {
  const { Client } = await import('@upstash/qstash');
  const config = qstashConfig();
  const client = new Client({ baseUrl: config.url, token: config.token });
  await client.schedules.create({
    destination: jobUrl('sweep'),
    cron: SWEEP_SCHEDULE.cron,
    scheduleId: SWEEP_SCHEDULE.scheduleId,
    body: '{}',
    retries: 0, // the next minute's sweep is the retry
  });
}

/** Returns the raw body once its signature checks out; 401 otherwise. */
export async function verifyJobDelivery(request: Request, job: JobName): Promise<string> {
  const signature = request.headers.get('upstash-signature');
  const body = await readBody(request);
  if (!signature) throw unauthorized('invalid_signature', 'Missing Upstash-Signature.');
  const { Receiver } = await import('@upstash/qstash');
  const config = qstashConfig();
  const receiver = new Receiver({
    currentSigningKey: config.currentSigningKey,
    nextSigningKey: config.nextSigningKey,
  });
  const valid = await receiver
    .verify({ signature, body, url: jobUrl(job), clockTolerance: 5 })
    .catch(() => false);
  if (!valid) throw unauthorized('invalid_signature', 'The Upstash-Signature does not verify.');
  return body;
}

/**
 * Real QStash delivers over the internet: a job for localhost (`vercel dev` with no
 * PUBLIC_BASE_URL) would be accepted and never arrive. Refuse it with what to set instead.
 */
function assertQStashCanReach(qstashUrl: string, target: string): void {
  const isLocal = (url: string) => /^(localhost|127\.|\[::1\]$)/.test(new URL(url).hostname);
  if (isLocal(qstashUrl) || !isLocal(target)) return;
  throw new AppError(
    'misconfigured',
    503,
    `QStash cannot deliver jobs to ${new URL(target).origin}. Set PUBLIC_BASE_URL to a public HTTPS address of this app (a preview deployment, or a tunnel to vercel dev).`,
  );
}

function jobUrl(job: JobName): string {
  return `${getConfig().publicBaseUrl}/api/jobs/${job}`;
}

function qstashConfig() {
  const { qstash } = getConfig();
  if (!qstash) {
    throw new AppError(
      'misconfigured',
      503,
      'Set QSTASH_TOKEN and the QStash signing keys (npm run dev provides a stand-in).',
    );
  }
  return qstash;
}
