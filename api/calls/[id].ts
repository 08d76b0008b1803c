/**
 * GET  /api/calls/:id — one call, to its parties; `?quality=1` adds each party's call quality.
 * POST /api/calls/:id {action: accept|decline|cancel|end} — 409 with the state when not allowed.
 * POST /api/calls/:id {action: report-quality, …snapshot} — a party's quality snapshot (204).
 */
import * as z from 'zod/mini';
import { authenticateUser } from '../_lib/auth/authenticate-user.js';
import { actOnCall, getCall } from '../_lib/calls/act-on-call.js';
import { getCallQuality, reportCallQuality } from '../_lib/calls/call-quality.js';
import { notFound } from '../_lib/errors.js';
import { readJson, respond } from '../_lib/http.js';

const measure = (max: number) => z.optional(z.number().check(z.minimum(0), z.maximum(max)));
const CallRequest = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['accept', 'decline', 'cancel', 'end']) }),
  z.object({
    action: z.literal('report-quality'),
    final: z.boolean(),
    connectionQuality: z.optional(z.enum(['excellent', 'good', 'poor', 'lost', 'unknown'])),
    roundTripTimeMs: measure(60_000),
    jitterMs: measure(60_000),
    packetLoss: measure(1),
    bitrateKbps: measure(100_000),
    frameWidth: measure(8_192),
    frameHeight: measure(8_192),
  }),
]);

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const user = await authenticateUser(request);
    const id = callId(request);
    const call = await getCall(user, id);
    const withQuality = new URL(request.url).searchParams.get('quality') === '1';
    const body = withQuality ? { call, quality: await getCallQuality(user, id) } : { call };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  });
}

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const user = await authenticateUser(request);
    const id = callId(request);
    const body = await readJson(request, CallRequest);
    if (body.action !== 'report-quality') {
      return Response.json({ call: await actOnCall(user.id, id, body.action) });
    }
    const { action: _action, ...snapshot } = body;
    await reportCallQuality(user, id, snapshot);
    return new Response(null, { status: 204 });
  });
}

/** Vercel passes the [id] segment as a query parameter. */
function callId(request: Request): string {
  const id = new URL(request.url).searchParams.get('id') ?? '';
  if (!z.uuid().safeParse(id).success) throw notFound('call_not_found', 'No such call.');
  return id;
}
