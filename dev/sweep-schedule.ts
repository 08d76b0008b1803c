/**
 * The sweep job's QStash schedule (api/_lib/qstash/jobs.ts `ensureSweepSchedule`): the dev
 * server creates it on its QStash stand-in at start, so stuck calls resolve locally as deployed.
 * After a deploy, run it once against the real QStash (idempotent: same schedule id), with the
 * environment from `.env.local` (`vercel env pull`):
 *   PUBLIC_BASE_URL=https://<your domain> npm run sweep:schedule
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ensureSweepSchedule } from '../api/_lib/qstash/jobs';

export async function startSweepSchedule(): Promise<void> {
  await ensureSweepSchedule().catch((error: unknown) =>
    console.warn(`Could not create the sweep schedule: ${String(error)}`),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (existsSync('.env.local')) process.loadEnvFile('.env.local');
  await ensureSweepSchedule();
  console.log(`Sweep schedule set: ${process.env.PUBLIC_BASE_URL}/api/jobs/sweep every minute.`);
}
