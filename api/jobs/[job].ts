/**
 * POST /api/jobs/:job — delayed jobs delivered by QStash. Permanent problems (the call is already
 * over) are acknowledged with 2xx; transient ones (database down) answer 5xx so QStash retries.
 */
import { z } from 'zod';
import { ringTimeout } from '../_lib/calls/ring-timeout';
import { notFound } from '../_lib/errors';
import { respond } from '../_lib/http';
import { JOBS, verifyJobDelivery, type JobName } from '../_lib/qstash/jobs';

const RingTimeout = z.object({ callId: z.uuid() });

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const job = new URL(request.url).searchParams.get('job') as JobName;
    if (!JOBS.includes(job)) throw notFound('unknown_job', 'No such job.');
    const body = await verifyJobDelivery(request, job);
    const payload = RingTimeout.safeParse(parseJson(body));
    // Signed by QStash but not ours to run: retrying cannot help, so acknowledge it.
    if (!payload.success) return Response.json({ done: true, skipped: 'invalid payload' });
    return Response.json(await ringTimeout(payload.data.callId));
  });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
