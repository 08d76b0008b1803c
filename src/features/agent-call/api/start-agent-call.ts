import { apiPost } from '../../../lib/api-client';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import type { Locale } from '../../../lib/i18n';

/** POST /api/agent-calls to myself ("call me now"): the agent rings me through LINE. */
export async function startAgentCall(lineUserId: string, language: Locale): Promise<AgentCallView> {
  const { agentCall } = await apiPost<{ agentCall: AgentCallView }>('/api/agent-calls', {
    to: { lineUserId },
    language,
  });
  return agentCall;
}
