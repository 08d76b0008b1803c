/**
 * POST /api/agent-worker — the agent worker's reports (docs/agent-worker.md), with
 * `Authorization: Bearer <AGENT_WORKER_KEY>`:
 *   {type:'hello', agentName, speech:{stt, tts, llm|null}}            → {ok:true}
 *   {type:'turn', sid, seq, speaker:'agent'|'callee', text, at}       → {ok:true, stored}
 *   {type:'outcome', sid, outcome, at}                                → {outcome, retry?}
 * The key is checked before the body is read; an unknown session is 404.
 */
import * as z from 'zod/mini';
import { receiveWorkerReport } from './_lib/agent-calls/agent-worker-reports.js';
import { authenticateWorker } from './_lib/auth/authenticate-worker.js';
import { AGENT_OUTCOMES, SPEAKERS } from './_lib/domain/agent-conversation.js';
import { AGENT_CALL_SID } from './_lib/domain/ids.js';
import { readJson, respond } from './_lib/http.js';

const sid = z.string().check(z.regex(AGENT_CALL_SID, 'not an agent call id'));
/** An instant with its offset, as the worker's `new Date().toISOString()` writes it. */
const at = z.iso.datetime({ offset: true });
const name = z.string().check(z.minLength(1), z.maxLength(64));

const WorkerReport = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    agentName: z.string().check(z.minLength(1), z.maxLength(128)),
    speech: z.object({ stt: name, tts: name, llm: z.nullable(name) }),
  }),
  z.object({
    type: z.literal('turn'),
    sid,
    seq: z.int().check(z.minimum(0), z.maximum(2_147_483_647)),
    speaker: z.enum(SPEAKERS),
    text: z.string().check(z.minLength(1), z.maxLength(2000)),
    at,
  }),
  z.object({ type: z.literal('outcome'), sid, outcome: z.enum(AGENT_OUTCOMES), at }),
]);

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    authenticateWorker(request);
    const report = await readJson(request, WorkerReport);
    return Response.json(await receiveWorkerReport(report));
  });
}
