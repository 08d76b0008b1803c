import { describe, expect, test } from 'vitest';
import {
  LIVE_STATES,
  TERMINAL_STATES,
  transition,
  type CallEvent,
  type CallState,
} from '../../api/_lib/calls/call-lifecycle';

const EVENTS: CallEvent[] = [
  { type: 'ring' },
  { type: 'accept' },
  { type: 'decline' },
  { type: 'cancel' },
  { type: 'ring-timeout' },
  { type: 'joined', party: 'caller' },
  { type: 'joined', party: 'callee' },
  { type: 'end', reason: 'hung up' },
  { type: 'fail', reason: 'connection lost' },
];
const STATES: CallState[] = [...LIVE_STATES, ...TERMINAL_STATES];

/** Where each event takes each state when nobody has joined yet; '-' means refused. */
const EXPECTED: Record<CallState, (CallState | '-')[]> = {
  //           ring       accept      decline     cancel      timeout   joined(r)  joined(e)  end      fail
  initiated: ['ringing', '-', 'declined', 'canceled', 'missed', '-', '-', '-', 'failed'],
  ringing: ['-', 'accepted', 'declined', 'canceled', 'missed', 'ringing', 'ringing', '-', 'failed'],
  accepted: ['-', '-', '-', '-', '-', 'accepted', 'accepted', 'ended', 'failed'],
  connected: ['-', '-', '-', '-', '-', '-', '-', 'ended', 'failed'],
  ended: ['-', '-', '-', '-', '-', '-', '-', '-', '-'],
  declined: ['-', '-', '-', '-', '-', '-', '-', '-', '-'],
  missed: ['-', '-', '-', '-', '-', '-', '-', '-', '-'],
  canceled: ['-', '-', '-', '-', '-', '-', '-', '-', '-'],
  failed: ['-', '-', '-', '-', '-', '-', '-', '-', '-'],
};

const cases = STATES.flatMap((status) =>
  EVENTS.map((event, i) => [status, event, EXPECTED[status][i]!] as const),
);

describe('call lifecycle: every state × every event', () => {
  test.each(cases)('%s + %o → %s', (status, event, expected) => {
    const result = transition({ status, callerJoined: false, calleeJoined: false }, event);
    if (expected === '-') expect(result).toEqual({ ok: false, status });
    else expect(result).toMatchObject({ ok: true, status: expected });
  });
});

describe('connected means both parties are in the room after the callee accepted', () => {
  test.each([
    ['accepted', { callerJoined: true, calleeJoined: false }, 'callee', 'connected'],
    ['accepted', { callerJoined: false, calleeJoined: true }, 'caller', 'connected'],
    ['accepted', { callerJoined: true, calleeJoined: false }, 'caller', 'accepted'],
    ['ringing', { callerJoined: true, calleeJoined: false }, 'callee', 'ringing'],
  ] as const)('%s with %o, %s joins → %s', (status, joined, party, expected) => {
    expect(transition({ status, ...joined }, { type: 'joined', party })).toMatchObject({
      ok: true,
      status: expected,
    });
  });

  test('accepting keeps who has already joined', () => {
    expect(
      transition(
        { status: 'ringing', callerJoined: true, calleeJoined: false },
        { type: 'accept' },
      ),
    ).toEqual({ ok: true, status: 'accepted', callerJoined: true, calleeJoined: false });
  });

  test('an end or failure carries its reason', () => {
    expect(
      transition(
        { status: 'connected', callerJoined: true, calleeJoined: true },
        { type: 'fail', reason: 'connection lost' },
      ),
    ).toMatchObject({ status: 'failed', reason: 'connection lost' });
  });
});
