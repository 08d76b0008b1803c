/** What the API shows of an agent call: state, attempts, timestamps, failure reason. */
import type { AgentCallSession } from '../db/agent-call-sessions.js';
import type { RetryRow } from '../db/agent-call-retries.js';
import type { AgentCallView } from '../contract.js';
import { MAX_RETRIES, retryDelaySeconds } from '../domain/retry-policy.js';
import { RING_SECONDS } from '../domain/ring-time.js';

export type { AgentCallView };

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
    nextRetryMinutes: minutesOf(retryDelaySeconds(session.retryCount + 1)),
    retries: retries.map((row) => ({
      attempt: row.retry_attempt,
      status: row.status,
      runAt: row.run_at.toISOString(),
      delayMinutes: minutesOf(retryDelaySeconds(row.retry_attempt))!,
      newSid: row.new_sid,
    })),
    createdAt: session.createdAt,
    ringingAt: session.ringingAt,
    ringDeadline: new Date(
      Date.parse(session.ringingAt ?? session.createdAt) + RING_SECONDS * 1000,
    ).toISOString(),
    answeredAt: session.answeredAt,
    endedAt: session.endedAt,
    durationSeconds: session.durationSeconds,
    failureReason: session.failureReason,
    sipStatusCode: session.sipStatusCode,
  };
}

const minutesOf = (seconds: number | undefined) => (seconds === undefined ? null : seconds / 60);
