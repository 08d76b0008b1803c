// An agent call as the API shows it to its callee (api/_lib/agent-calls/agent-call-view.ts), and
// the in-app links to it. Shared by the agent call screens and the history.
export type AgentCallStatus =
  'initiated' | 'ringing' | 'answered' | 'ended' | 'missed' | 'busy' | 'failed' | 'canceled';

export type RetryStatus =
  'scheduled' | 'executing' | 'executed' | 'canceled' | 'gave_up' | 'failed';

export interface AgentCallRetry {
  /** The retry this is: 1 is the first call back (after the first call was missed). */
  attempt: number;
  status: RetryStatus;
  runAt: string;
  newSid: string | null;
}

export interface AgentCallView {
  sid: string;
  /** `agent-<sid>`: the LiveKit room. */
  room: string;
  status: AgentCallStatus;
  to: { lineUserId: string } | { phone: string };
  requestedBy: 'self' | 'api' | 'retry';
  language: string;
  context: Record<string, unknown> | null;
  /** 1 for the first call, 2 for the first call back, … */
  attempt: number;
  originalSid: string | null;
  retriesLeft: number;
  /** Every call back of the original call (only in GET /api/agent-calls/:sid). */
  retries: AgentCallRetry[];
  createdAt: string;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  failureReason: string | null;
  sipStatusCode: string | null;
}

/** How long an agent call rings before it is missed (the server's agent-ring-timeout job). */
const AGENT_RING_MS = 60_000;

/** "Call me again" waits 5, then 15, then 30 minutes (api/_lib/domain/retry-policy.ts). */
const RETRY_DELAY_MINUTES = [5, 15, 30] as const;

export function isAgentCallRinging(status: AgentCallStatus): boolean {
  return status === 'initiated' || status === 'ringing';
}

export function isAgentCallLive(status: AgentCallStatus): boolean {
  return isAgentCallRinging(status) || status === 'answered';
}

/** When the ringing stops unanswered. */
export function agentRingDeadline(call: AgentCallView): number {
  return Date.parse(call.ringingAt ?? call.createdAt) + AGENT_RING_MS;
}

/** The wait before call back n (1-based). */
export function retryDelayMinutes(retryAttempt: number): number | null {
  return RETRY_DELAY_MINUTES[retryAttempt - 1] ?? null;
}

/** The wait before the call back this missed call would get, or null when none are left. */
export function nextRetryMinutes(call: AgentCallView): number | null {
  return call.retriesLeft > 0 ? retryDelayMinutes(call.attempt) : null;
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
