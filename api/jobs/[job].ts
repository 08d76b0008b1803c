/**
 * POST /api/jobs/:job — delayed jobs delivered by QStash, verified before anything else:
 *   ring-timeout {callId} | {sid}   a 1:1 call or an agent call still ringing after 60 s
 *   execute-retry {retryId}         "call me again" is due
 *   sweep {}                        every minute (a QStash schedule): resolve what is stranded
 *   dial-out {sid}                  dial a phone agent call and record how the dial ended
 * Permanent problems (the call is already over, a payload that is not ours) are acknowledged
 * with 2xx; transient ones (database down) answer 5xx so QStash retries.
 */
import * as z from 'zod/mini';
import { agentRingTimeout } from '../_lib/agent-calls/agent-ring-timeout.js';
import { dialPhone } from '../_lib/agent-calls/dial-phone.js';
import { executeRetry } from '../_lib/agent-calls/execute-retry.js';
import { ringTimeout } from '../_lib/calls/ring-timeout.js';
import { notFound } from '../_lib/errors.js';
import { sweep } from '../_lib/jobs/sweep.js';
import { parseJson, respond } from '../_lib/http.js';
import { JOBS, verifyJobDelivery, type JobName } from '../_lib/qstash/jobs.js';

const Payloads = {
  'ring-timeout': z.union([
    z.strictObject({ callId: z.uuid() }),
    z.strictObject({ sid: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)) }),
  ]),
  'execute-retry': z.strictObject({ retryId: z.string().check(z.regex(/^\d{1,18}$/)) }),
  sweep: z.strictObject({}),
  'dial-out': z.strictObject({ sid: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)) }),
};

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const job = new URL(request.url).searchParams.get('job') as JobName;
    if (!JOBS.includes(job)) throw notFound('unknown_job', 'No such job.');
    const body = await verifyJobDelivery(request, job);
    const payload = Payloads[job].safeParse(parseJsonOrNothing(body));
    // Signed by QStash but not ours to run: retrying cannot help, so acknowledge it.
    if (!payload.success) return Response.json({ done: true, skipped: 'invalid payload' });
    const data = payload.data;
    if (job === 'sweep') return Response.json(await sweep());
    if (job === 'dial-out' && 'sid' in data) return Response.json(await dialPhone(data.sid));
    if ('retryId' in data) return Response.json(await executeRetry(data.retryId));
    if ('callId' in data) return Response.json(await ringTimeout(data.callId));
    return Response.json(await agentRingTimeout(data.sid));
  });
}

function parseJsonOrNothing(body: string): unknown {
  try {
    return parseJson(body);
  } catch {
    return undefined;
  }
}
