/**
 * POST /api/jobs/:job — a job QStash delivers, verified before anything else, then run by its
 * name alone (the jobs and their payloads: _lib/jobs/registry.ts). Permanent problems (the call is
 * already over, a payload that is not the job's) are acknowledged with 2xx; transient ones
 * (database down) answer 5xx so QStash retries.
 */
import { notFound } from '../_lib/errors.js';
import { parseJson, respond } from '../_lib/http.js';
import { isJobName, JOBS } from '../_lib/jobs/registry.js';
import { verifyJobDelivery } from '../_lib/qstash/jobs.js';

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const job = new URL(request.url).searchParams.get('job');
    if (!isJobName(job)) throw notFound('unknown_job', 'No such job.');
    const body = await verifyJobDelivery(request, job);
    return Response.json(await JOBS[job].run(parseJsonOrNothing(body)));
  });
}

function parseJsonOrNothing(body: string): unknown {
  try {
    return parseJson(body);
  } catch {
    return undefined;
  }
}
