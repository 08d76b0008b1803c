// An agent call as the API shows it to its callee (its shape is the contract's), and the in-app
// links to it. Shared by the agent call screens and the history.
import {
  AGENT_LIVE_STATES,
  AGENT_RINGING_STATES,
  type AgentCallRetry,
  type AgentCallStatus,
  type AgentCallView,
} from '../../../api/_lib/contract';
export type { AgentCallRetry, AgentCallStatus, AgentCallView } from '../../../api/_lib/contract';

const ringing: readonly AgentCallStatus[] = AGENT_RINGING_STATES;
const live: readonly AgentCallStatus[] = AGENT_LIVE_STATES;

export function isAgentCallRinging(status: AgentCallStatus): boolean {
  return ringing.includes(status);
}

export function isAgentCallLive(status: AgentCallStatus): boolean {
  return live.includes(status);
}

/** The call back asked for after this call, if any (retry n follows attempt n). */
export function retryAfter(call: AgentCallView): AgentCallRetry | undefined {
  return call.retries.find((retry) => retry.attempt === call.attempt);
}

/** Who is calling: a title the backend gave in the context, else null (say "Assistant"). */
export function agentCallTitle(call: AgentCallView): string | null {
  for (const key of ['title', 'callerName', 'caller_name', 'agentName', 'agent_name', 'name']) {
    const value = call.context?.[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 60);
  }
  return null;
}

/** Its LiveKit room, named as the server names it (api/_lib/rooms/room-name.ts). */
export function agentCallRoom(sid: string): string {
  return `agent-${sid}`;
}

export function agentCallPath(sid: string): string {
  return `/agent-call/${encodeURIComponent(sid)}`;
}
