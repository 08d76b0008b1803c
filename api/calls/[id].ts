/**
 * GET  /api/calls/:id — one call, to its parties.
 * POST /api/calls/:id {action: accept|decline|cancel|end} — 409 with the state when not allowed.
 */
import * as z from 'zod/mini';
import { authenticateUser } from '../_lib/auth/authenticate-user.js';
import { actOnCall, getCall } from '../_lib/calls/act-on-call.js';
import { notFound } from '../_lib/errors.js';
import { readJson, respond } from '../_lib/http.js';

const CallAction = z.object({ action: z.enum(['accept', 'decline', 'cancel', 'end']) });

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const user = await authenticateUser(request);
    const call = await getCall(user, callId(request));
    return Response.json({ call }, { headers: { 'cache-control': 'no-store' } });
  });
}

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const user = await authenticateUser(request);
    const id = callId(request);
    const { action } = await readJson(request, CallAction);
    return Response.json({ call: await actOnCall(user, id, action) });
  });
}

/** Vercel passes the [id] segment as a query parameter. */
function callId(request: Request): string {
  const id = new URL(request.url).searchParams.get('id') ?? '';
  if (!z.uuid().safeParse(id).success) throw notFound('call_not_found', 'No such call.');
  return id;
}
