import { apiPost } from '../../../lib/api-client';
import type { AgentCallAction } from '../../../../api/_lib/contract';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';

export type { AgentCallAction };

/**
 * POST /api/agent-calls/:sid {action}: "call me again" after a missed call (409 not_retryable
 * before that, 409 retry_limit after 3), or cancel while it rings ("Not now").
 */
export async function actOnAgentCall(sid: string, action: AgentCallAction): Promise<AgentCallView> {
  const { agentCall } = await apiPost<{ agentCall: AgentCallView }>(
    `/api/agent-calls/${encodeURIComponent(sid)}`,
    { action },
  );
  return agentCall;
}
