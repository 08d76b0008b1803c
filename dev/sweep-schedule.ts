/**
 * The sweep job's QStash schedule (api/_lib/qstash/jobs.ts `ensureSweepSchedule`): the dev
 * server creates it on its QStash stand-in at start, so stuck calls resolve locally as deployed.
 * After a deploy, run this file once against the real QStash (idempotent: same schedule id):
 *   QSTASH_TOKEN=… PUBLIC_BASE_URL=https://<deployment> npx tsx dev/sweep-schedule.ts
 */
import { pathToFileURL } from 'node:url';
import { ensureSweepSchedule } from '../api/_lib/qstash/jobs';

export async function startSweepSchedule(): Promise<void> {
  await ensureSweepSchedule().catch((error: unknown) =>
    console.warn(`Could not create the sweep schedule: ${String(error)}`),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureSweepSchedule();
  console.log(`Sweep schedule set: ${process.env.PUBLIC_BASE_URL}/api/jobs/sweep every minute.`);
}
