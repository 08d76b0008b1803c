/**
 * What the API shows of an agent call: state, attempts, timestamps, failure reason, and what the
 * agent worker reported (the outcome; the transcript only where one call is read).
 */
import type { AgentCallSession } from '../db/agent-call-sessions.js';
import type { RetryRow } from '../db/agent-call-retries.js';
import type { AgentCallRetry, AgentCallView } from '../contract.js';
import type { AgentOutcome, TranscriptTurn } from '../domain/agent-conversation.js';
import { MAX_RETRIES, retryDelaySeconds } from '../domain/retry-policy.js';
import { RING_SECONDS } from '../domain/ring-time.js';

export type { AgentCallView };

export interface WorkerReports {
  outcome: AgentOutcome | null;
  transcript?: TranscriptTurn[];
}

export function viewAgentCall(
  session: AgentCallSession,
  retries: RetryRow[] = [],
  reports: WorkerReports = { outcome: null },
): AgentCallView {
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
    retries: retries.map(viewRetry),
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
    outcome: reports.outcome,
    ...(reports.transcript ? { transcript: reports.transcript } : {}),
  };
}

export function viewRetry(row: RetryRow): AgentCallRetry {
  return {
    attempt: row.retry_attempt,
    status: row.status,
    runAt: row.run_at.toISOString(),
    delayMinutes: minutesOf(retryDelaySeconds(row.retry_attempt))!,
    newSid: row.new_sid,
  };
}

const minutesOf = (seconds: number | undefined) => (seconds === undefined ? null : seconds / 60);
