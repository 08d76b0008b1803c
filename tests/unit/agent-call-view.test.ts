import { describe, expect, test } from 'vitest';
import { viewAgentCall } from '../../api/_lib/agent-calls/agent-call-view';
import type { RetryRow } from '../../api/_lib/db/agent-call-retries';
import { agentCallSession } from '../support/agent-call-session';

// The ring deadline is read from these two.
const session = agentCallSession({
  createdAt: '2026-12-02T10:00:00.000Z',
  ringingAt: '2026-12-02T10:00:01.000Z',
});

describe('what the agent worker reported', () => {
  test('no outcome until one is reported; the transcript only when it was read', () => {
    expect(viewAgentCall(session)).toMatchObject({ outcome: null });
    expect(viewAgentCall(session)).not.toHaveProperty('transcript');
    const transcript = [{ speaker: 'agent' as const, text: 'Hello', at: session.createdAt }];
    expect(viewAgentCall(session, [], { outcome: 'declined', transcript })).toMatchObject({
      outcome: 'declined',
      transcript,
    });
  });
});

describe('what the server works out for the screens', () => {
  test('the ring deadline is 60 s after it started ringing (or was created, before that)', () => {
    expect(viewAgentCall(session).ringDeadline).toBe('2026-12-02T10:01:01.000Z');
    expect(viewAgentCall({ ...session, ringingAt: null }).ringDeadline).toBe(
      '2026-12-02T10:01:00.000Z',
    );
  });

  test('the wait before the next call back: 5, 15, 30 minutes, then none', () => {
    const waits = [0, 1, 2, 3].map(
      (retryCount) => viewAgentCall({ ...session, retryCount }).nextRetryMinutes,
    );
    expect(waits).toEqual([5, 15, 30, null]);
    expect(viewAgentCall({ ...session, retryCount: 3 }).retriesLeft).toBe(0);
  });

  test('each call back says how long after the request it rings', () => {
    const row = (retry_attempt: number): RetryRow => ({
      id: String(retry_attempt),
      original_sid: session.sid,
      callee_user_id: `U${'a'.repeat(32)}`,
      language: 'en',
      retry_attempt,
      status: 'scheduled',
      postponed_count: 0,
      run_at: new Date('2026-12-02T10:05:00.000Z'),
      new_sid: null,
    });
    const { retries } = viewAgentCall(session, [row(1), row(2), row(3)]);
    expect(retries.map((retry) => retry.delayMinutes)).toEqual([5, 15, 30]);
  });
});
