/**
 * GET  /api/agent-calls/:sid — state, attempts, timestamps, failure reason (callee or API key).
 * POST /api/agent-calls/:sid {action: schedule-retry|cancel} — the callee asks to be called
 *   again later (5, then 15, then 30 minutes; at most 3) or cancels.
 */
import { AGENT_CALL_SID } from '../_lib/domain/ids.js';
import * as z from 'zod/mini';
import {
  cancelAgentCall,
  getAgentCall,
  scheduleRetry,
} from '../_lib/agent-calls/agent-call-actions.js';
import { authenticatePrincipal } from '../_lib/auth/authenticate-principal.js';
import { authenticateUser } from '../_lib/auth/authenticate-user.js';
import { notFound } from '../_lib/errors.js';
import { readJson, respond } from '../_lib/http.js';

const AgentCallAction = z.object({ action: z.enum(['schedule-retry', 'cancel']) });

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const principal = await authenticatePrincipal(request);
    const agentCall = await getAgentCall(principal, sidOf(request));
    return Response.json({ agentCall }, { headers: { 'cache-control': 'no-store' } });
  });
}

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const user = await authenticateUser(request);
    const sid = sidOf(request);
    const { action } = await readJson(request, AgentCallAction);
    const origin = { source: 'user' } as const;
    const agentCall =
      action === 'schedule-retry'
        ? await scheduleRetry(user.id, sid, origin)
        : await cancelAgentCall(user.id, sid, origin);
    return Response.json({ agentCall });
  });
}

/** Vercel passes the [sid] segment as a query parameter. */
function sidOf(request: Request): string {
  const sid = new URL(request.url).searchParams.get('sid') ?? '';
  if (!AGENT_CALL_SID.test(sid)) throw notFound('agent_call_not_found', 'No such agent call.');
  return sid;
}
