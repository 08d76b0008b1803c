/** What the API shows of an agent call: state, attempts, timestamps, failure reason. */
import type { AgentCallSession } from '../db/agent-call-sessions.js';
import type { RetryRow } from '../db/agent-call-retries.js';
import { MAX_RETRIES } from '../domain/retry-policy.js';

export interface AgentCallView {
  sid: string;
  room: string;
  status: AgentCallSession['status'];
  to: AgentCallSession['target'];
  requestedBy: AgentCallSession['requestedBy'];
  language: AgentCallSession['language'];
  context: AgentCallSession['context'];
  /** 1 for the first call, 2 for the first retry, … */
  attempt: number;
  originalSid: string | null;
  retriesLeft: number;
  retries: { attempt: number; status: string; runAt: string; newSid: string | null }[];
  createdAt: string;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  failureReason: string | null;
  sipStatusCode: string | null;
}

export function viewAgentCall(session: AgentCallSession, retries: RetryRow[] = []): AgentCallView {
  return {
    sid: session.sid,
    room: session.room,
    status: session.status,
    to: session.target,
    requestedBy: session.requestedBy,
    language: session.language,
    context: session.context,
    attempt: session.retryCount + 1,
    originalSid: session.originalSid,
    retriesLeft: Math.max(0, MAX_RETRIES - session.retryCount),
    retries: retries.map((row) => ({
      attempt: row.retry_attempt,
      status: row.status,
      runAt: row.run_at.toISOString(),
      newSid: row.new_sid,
    })),
    createdAt: session.createdAt,
    ringingAt: session.ringingAt,
    answeredAt: session.answeredAt,
    endedAt: session.endedAt,
    durationSeconds: session.durationSeconds,
    failureReason: session.failureReason,
    sipStatusCode: session.sipStatusCode,
  };
}
