import type { AgentCallView, TranscriptTurn } from '../../../../api/_lib/contract';
import { apiGet } from '../../../lib/api-client';

export type { TranscriptTurn };

/** GET /api/agent-calls/:sid: what the assistant and I said, in order (the list carries none). */
export async function getAgentCallTranscript(
  sid: string,
  signal?: AbortSignal,
): Promise<TranscriptTurn[]> {
  const { agentCall } = await apiGet<{ agentCall: AgentCallView }>(
    `/api/agent-calls/${encodeURIComponent(sid)}`,
    { signal },
  );
  return agentCall.transcript ?? [];
}
