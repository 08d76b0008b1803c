import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import type { CallApi } from '../../../lib/calls/use-server-call';
import { actOnAgentCall, type AgentCallAction } from './act-on-agent-call';
import { getAgentCall } from './get-agent-call';

/** An agent call as its screen reads and moves it (lib/calls/use-server-call.ts). */
export const agentCallApi: CallApi<AgentCallView, AgentCallAction> = {
  get: (sid) => getAgentCall(sid),
  act: (sid, action) => actOnAgentCall(sid, action),
  // retry_limit is worth saying as it is (no more call backs); any other conflict shows in the
  // call as it now stands.
  saysConflict: (error) => error.code === 'retry_limit',
};
