import type { AgentCallView } from './agent-call-view';
import { apiGet } from '../api-client';

/** GET /api/agent-calls: the agent calls to me, newest first. */
export async function listAgentCalls(signal?: AbortSignal): Promise<AgentCallView[]> {
  const { agentCalls } = await apiGet<{ agentCalls: AgentCallView[] }>('/api/agent-calls', {
    signal,
  });
  return agentCalls;
}
