/**
 * POST /api/calls {calleeContactId, media} + Idempotency-Key — start a 1:1 call, ring the callee.
 * GET  /api/calls — the signed-in user's call history, and their own contact id (`me`), which
 *      their invite link carries.
 */
import * as z from 'zod/mini';
import type { CallList, StartCallRequest } from '../_lib/contract.js';
import { authenticateUser } from '../_lib/auth/authenticate-user.js';
import { listCalls } from '../_lib/calls/act-on-call.js';
import { startCall } from '../_lib/calls/start-call.js';
import { CONTACT_ID } from '../_lib/domain/ids.js';
import { badRequest } from '../_lib/errors.js';
import { readJson, respond } from '../_lib/http.js';

const StartCall = z.object({
  calleeContactId: z.string().check(z.regex(CONTACT_ID, 'not a contact id')),
  media: z.enum(['video', 'audio']),
}) satisfies z.ZodMiniType<StartCallRequest>;

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const caller = await authenticateUser(request);
    const input = await readJson(request, StartCall);
    const key = request.headers.get('idempotency-key') ?? '';
    if (!/^[\x21-\x7e]{8,200}$/.test(key)) {
      throw badRequest('idempotency_key_required', 'Send an Idempotency-Key header (8–200 chars).');
    }
    const { call, created } = await startCall(caller, input, key);
    return Response.json({ call }, { status: created ? 201 : 200 });
  });
}

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const user = await authenticateUser(request);
    return Response.json(
      { calls: await listCalls(user), me: { contactId: user.contactId } } satisfies CallList,
      { headers: { 'cache-control': 'no-store' } },
    );
  });
}
