import { describe, expect, test } from 'vitest';
import {
  LIVE_STATES,
  TERMINAL_STATES,
  transition,
  type CallEvent,
  type CallSnapshot,
  type CallState,
} from '../../api/_lib/calls/call-lifecycle';

const T = 1_000_000;
const EVENTS: CallEvent[] = [
  { type: 'ring' },
  { type: 'accept' },
  { type: 'decline' },
  { type: 'cancel' },
  { type: 'ring-timeout' },
  { type: 'joined', party: 'caller', at: T },
  { type: 'joined', party: 'callee', at: T },
  { type: 'left', party: 'caller', at: T },
  { type: 'left', party: 'callee', at: T },
  { type: 'room-closed' },
  { type: 'end', reason: 'hung up' },
  { type: 'fail', reason: 'connection lost' },
];
const STATES: CallState[] = [...LIVE_STATES, ...TERMINAL_STATES];
const nobodyIn = { callerJoinedAt: null, calleeJoinedAt: null };

/** Where each event takes each state when nobody has joined yet; '-' means refused. */
// prettier-ignore
const EXPECTED: Record<CallState, (CallState | '-')[]> = {
  //          ring       accept      decline     cancel      timeout   joined(r)  joined(e)  left(r)     left(e)  closed      end      fail
  initiated: ['ringing', '-',        'declined', 'canceled', 'missed', '-',       '-',       'canceled', '-',     'canceled', '-',     'failed'],
  ringing:   ['-',       'accepted', 'declined', 'canceled', 'missed', 'ringing', 'ringing', 'canceled', '-',     'canceled', '-',     'failed'],
  accepted:  ['-',       '-',        '-',        '-',        '-',      'accepted','accepted','ended',    'ended', 'ended',    'ended', 'failed'],
  connected: ['-',       '-',        '-',        '-',        '-',      'connected','connected','ended',  'ended', 'ended',    'ended', 'failed'],
  ended:     ['-',       '-',        '-',        '-',        '-',      '-',       '-',       '-',        '-',     '-',        '-',     '-'],
  declined:  ['-',       '-',        '-',        '-',        '-',      '-',       '-',       '-',        '-',     '-',        '-',     '-'],
  missed:    ['-',       '-',        '-',        '-',        '-',      '-',       '-',       '-',        '-',     '-',        '-',     '-'],
  canceled:  ['-',       '-',        '-',        '-',        '-',      '-',       '-',       '-',        '-',     '-',        '-',     '-'],
  failed:    ['-',       '-',        '-',        '-',        '-',      '-',       '-',       '-',        '-',     '-',        '-',     '-'],
};

const cases = STATES.flatMap((status) =>
  EVENTS.map((event, i) => [status, event, EXPECTED[status][i]!] as const),
);

describe('call lifecycle: every state × every event', () => {
  test.each(cases)('%s + %o → %s', (status, event, expected) => {
    const result = transition({ status, ...nobodyIn }, event);
    if (expected === '-') expect(result).toEqual({ ok: false, status });
    else expect(result).toMatchObject({ ok: true, status: expected });
  });
});

describe('connected means both parties are in the room after the callee accepted', () => {
  const at = (status: CallState, callerJoinedAt: number | null, calleeJoinedAt: number | null) =>
    ({ status, callerJoinedAt, calleeJoinedAt }) satisfies CallSnapshot;

  test.each([
    [at('accepted', T, null), 'callee', 'connected'],
    [at('accepted', null, T), 'caller', 'connected'],
    [at('accepted', T, null), 'caller', 'accepted'],
    [at('ringing', T, null), 'callee', 'ringing'],
  ] as const)('%o, %s joins → %s', (call, party, expected) => {
    expect(transition(call, { type: 'joined', party, at: T + 5 })).toMatchObject({
      ok: true,
      status: expected,
    });
  });

  test('accepting keeps who has already joined', () => {
    expect(transition(at('ringing', T, null), { type: 'accept' })).toEqual({
      ok: true,
      status: 'accepted',
      callerJoinedAt: T,
      calleeJoinedAt: null,
    });
  });

  test('a re-join keeps the latest join time', () => {
    expect(
      transition(at('connected', T, T), { type: 'joined', party: 'callee', at: T + 9 }),
    ).toEqual({ ok: true, status: 'connected', callerJoinedAt: T, calleeJoinedAt: T + 9 });
  });

  test('a leave older than the same party’s re-join is stale and changes nothing', () => {
    const call = at('connected', T, T + 10);
    expect(transition(call, { type: 'left', party: 'callee', at: T + 5 })).toEqual({
      ok: false,
      status: 'connected',
    });
    expect(transition(call, { type: 'left', party: 'callee', at: T + 11 })).toMatchObject({
      status: 'ended',
      reason: 'callee left',
    });
  });

  test('an end or failure carries its reason', () => {
    expect(
      transition(at('connected', T, T), { type: 'fail', reason: 'connection lost' }),
    ).toMatchObject({ status: 'failed', reason: 'connection lost' });
  });
});
