import { describe, expect, test } from 'vitest';
import {
  agentCallFailure,
  agentCallOutcome,
  agentCallResult,
} from '../../src/lib/agent-calls/agent-call-outcome';
import type { AgentCallView } from '../../src/lib/agent-calls/agent-call-view';
import { callOutcome } from '../../src/lib/calls/call-outcome';
import type { CallView } from '../../src/lib/calls/call-view';
import type { Translate } from '../../src/lib/i18n';

/** The message key itself: which words, not how they read in one language. */
const t: Translate = (key) => key;

const call = (patch: Partial<CallView>) =>
  ({ connectedAt: null, durationSeconds: null, endReason: null, ...patch }) as CallView;
const agentCall = (patch: Partial<AgentCallView>) =>
  ({ answeredAt: null, durationSeconds: null, ...patch }) as AgentCallView;

describe('the words for a 1:1 call, the same on its page and in the list', () => {
  test.each([
    ['caller', 'canceled', 'calls.outcome.canceled'],
    // The caller gave up: to the callee it is a missed call, as LINE tells him.
    ['callee', 'canceled', 'calls.outcome.missed'],
    ['caller', 'missed', 'calls.outcome.noAnswer'],
    ['callee', 'missed', 'calls.outcome.missed'],
    ['callee', 'declined', 'calls.outcome.declined'],
  ] as const)('%s, %s: %s', (role, status, key) => {
    expect(callOutcome(call({ role, status }), t)).toBe(key);
    expect(callOutcome(call({ role, status }), t, true)).toBe(key);
  });
});

describe('the words for an agent call, the same on its page and in History', () => {
  test.each([
    // Only the callee cancels an agent call ("Not now", or hanging up unheard): a call that ended.
    ['canceled', 'calls.outcome.ended'],
    ['ended', 'calls.outcome.ended'],
    ['missed', 'calls.outcome.missed'],
    ['busy', 'agentCall.outcome.busy'],
    ['ringing', 'calls.outcome.incoming'],
  ] as const)('%s: %s', (status, key) => {
    expect(agentCallOutcome(agentCall({ status }), t)).toBe(key);
    expect(agentCallOutcome(agentCall({ status }), t, true)).toBe(key);
  });
});

describe('what the assistant reported, and why an agent call failed', () => {
  test.each(['confirmed', 'declined', 'call_back_later', 'no_response', 'completed'] as const)(
    'outcome %s has its own words',
    (outcome) => {
      expect(agentCallResult(agentCall({ outcome }), t)).toBe(`agentCall.result.${outcome}`);
    },
  );

  test('no outcome yet: nothing to say', () => {
    expect(agentCallResult(agentCall({ outcome: null }), t)).toBeNull();
  });

  test.each([
    [{ failureReason: 'no_agent', sipStatusCode: null }, 'agentCall.failed.noAgent'],
    [{ failureReason: 'SIP 404 Not Found', sipStatusCode: '404' }, 'agentCall.failed.phone'],
    [
      { failureReason: 'LiveKit could not dispatch', sipStatusCode: null },
      'agentCall.failed.service',
    ],
  ])('%o: %s', (patch, key) => {
    expect(agentCallFailure(agentCall({ status: 'failed', ...patch }), t)).toBe(key);
  });
});
