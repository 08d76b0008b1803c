/**
 * The `agent-join-check` job, 20 s after the dispatch (docs/agent-worker.md#no-agent): a live
 * session whose room no agent joined fails with reason `no_agent` (its room closed by the
 * lifecycle's effect), so the callee reads "No assistant is available right now" instead of
 * ringing into silence. One statement decides it against the agent's join time, so an agent
 * joining at the last moment and this check are ordered by the row lock. The sweep runs the same
 * check, under the same event id, when the job is lost.
 */
import { jobId } from '../jobs/job-id.js';
import { applyToSession } from './apply-to-session.js';

export async function agentJoinCheck(sid: string): Promise<{ done: true; status: string }> {
  const session = await applyToSession({
    id: sid,
    event: { type: 'no-agent' },
    origin: { source: 'qstash', eventId: jobId('agent-join-check', sid) },
  });
  return { done: true, status: session?.status ?? 'no such session' };
}
