/**
 * POST /api/agent-calls {to: {lineUserId}|{phone}, context?, language?, script?} — start an agent
 *   call: a LINE user to themselves ("call me now", always the reminder script), or a backend
 *   system with the API key to anyone, with the script it chooses (default: reminder).
 * GET  /api/agent-calls — the callee's agent calls, or recent ones for the API key.
 */
import * as z from 'zod/mini';
import { LINE_USER_ID } from '../_lib/domain/ids.js';
import { listAgentCalls } from '../_lib/agent-calls/agent-call-actions.js';
import { viewAgentCall } from '../_lib/agent-calls/agent-call-view.js';
import { startAgentCall } from '../_lib/agent-calls/start-agent-call.js';
import { authenticatePrincipal } from '../_lib/auth/authenticate-principal.js';
import { badRequest, forbidden } from '../_lib/errors.js';
import { readJson, respond } from '../_lib/http.js';
import { LANGUAGES } from '../_lib/i18n/language.js';
import { AGENT_SCRIPTS } from '../_lib/domain/agent-conversation.js';

const StartAgentCall = z.object({
  to: z.union([
    z.strictObject({
      lineUserId: z.string().check(z.regex(LINE_USER_ID, 'not a LINE user id')),
    }),
    z.strictObject({ phone: z.string().check(z.minLength(1), z.maxLength(40)) }),
  ]),
  context: z.optional(
    z
      .record(z.string().check(z.maxLength(64)), z.unknown())
      .check(z.refine((value) => JSON.stringify(value).length <= 4096, 'context is over 4 KiB')),
  ),
  language: z.optional(z.enum(LANGUAGES)),
  script: z.optional(z.enum(AGENT_SCRIPTS)),
});

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const principal = await authenticatePrincipal(request);
    const input = await readJson(request, StartAgentCall);
    if (principal.kind === 'user') {
      const toSelf = 'lineUserId' in input.to && input.to.lineUserId === principal.user.id;
      if (!toSelf)
        throw forbidden('only_to_self', 'You can ask for an agent call to yourself only.');
      // The agent's instructions come from backends only; a user cannot hand it facts.
      if (input.context) throw badRequest('context_not_allowed', 'Only a backend sends context.');
      if (input.script) throw badRequest('script_not_allowed', 'Only a backend picks the script.');
    }
    const session = await startAgentCall(input, {
      kind: principal.kind === 'api' ? 'api' : 'self',
    });
    return Response.json({ agentCall: viewAgentCall(session) }, { status: 201 });
  });
}

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const principal = await authenticatePrincipal(request);
    return Response.json(
      { agentCalls: await listAgentCalls(principal) },
      { headers: { 'cache-control': 'no-store' } },
    );
  });
}
