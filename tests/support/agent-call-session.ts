/** Agent-call session rows for the pure code that reads one (views, the agent's metadata). */
import type { AgentCallSession } from '../../api/_lib/db/agent-call-sessions';

/**
 * A session as the repository returns it: Alice's "call me now", ringing, no retry, no campaign,
 * no phone; `changes` say what a test relies on.
 */
export function agentCallSession(changes: Partial<AgentCallSession> = {}): AgentCallSession {
  return {
    sid: 'ac_test0001',
    room: 'agent-ac_test0001',
    target: { lineUserId: `U${'a'.repeat(32)}` },
    requestedBy: 'self',
    context: null,
    contextSuppliedBy: 'user',
    language: 'en',
    script: 'reminder',
    status: 'ringing',
    retryCount: 0,
    originalSid: null,
    timeoutNotificationSent: false,
    failureReason: null,
    sipStatusCode: null,
    createdAt: '2026-12-02T10:00:00.000Z',
    ringingAt: '2026-12-02T10:00:01.000Z',
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    campaignLeadId: null,
    campaignAttempt: null,
    sipTrunkId: null,
    callerId: null,
    ...changes,
  };
}
