import { apiGet, type RequestOptions } from '../../../lib/api-client';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';

/** GET /api/agent-calls/:sid: the call as it stands now, with its call backs (callee only). */
export async function getAgentCall(sid: string, options?: RequestOptions): Promise<AgentCallView> {
  const { agentCall } = await apiGet<{ agentCall: AgentCallView }>(
    `/api/agent-calls/${encodeURIComponent(sid)}`,
    options,
  );
  return agentCall;
}
