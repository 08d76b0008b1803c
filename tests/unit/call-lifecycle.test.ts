import { describe, expect, test } from 'vitest';
import {
  CALL_STATES,
  LIVE_STATES,
  NO_FACTS,
  transition,
  type CallEvent,
  type CallState,
  type RoomFacts,
} from '../../api/_lib/domain/call-lifecycle';

const caller: RoomFacts = { party: 'caller', otherJoined: false, stale: false };
const callee: RoomFacts = { party: 'callee', otherJoined: false, stale: false };
const EVENTS: [CallEvent, RoomFacts | undefined][] = [
  [{ type: 'ring' }, undefined],
  [{ type: 'accept' }, undefined],
  [{ type: 'decline' }, undefined],
  [{ type: 'cancel' }, undefined],
  [{ type: 'ring-timeout' }, undefined],
  [{ type: 'joined' }, caller],
  [{ type: 'joined' }, callee],
  [{ type: 'left' }, caller],
  [{ type: 'left' }, callee],
  [{ type: 'room-closed' }, undefined],
  [{ type: 'end', reason: 'hung up' }, undefined],
  [{ type: 'fail', reason: 'connection lost' }, undefined],
];

/** Where each event takes each state when the other party is not in; '-' means refused. */
// prettier-ignore
const EXPECTED: Record<CallState, (CallState | '-')[]> = {
  //          ring       accept      decline     cancel      timeout   joined(r)   joined(e)   left(r)     left(e)  closed      end      fail
  initiated: ['ringing', '-',        'declined', 'canceled', 'missed', '-',        '-',        'canceled', '-',     'canceled', '-',     'failed'],
  ringing:   ['-',       'accepted', 'declined', 'canceled', 'missed', 'ringing',  'ringing',  'canceled', '-',     'canceled', '-',     'failed'],
  accepted:  ['-',       '-',        '-',        '-',        '-',      'accepted', 'accepted', 'ended',    'ended', 'ended',    'ended', 'failed'],
  connected: ['-',       '-',        '-',        '-',        '-',      'connected','connected','ended',    'ended', 'ended',    'ended', 'failed'],
  ended:     ['-',       '-',        '-',        '-',        '-',      '-',        '-',        '-',        '-',     '-',        '-',     '-'],
  declined:  ['-',       '-',        '-',        '-',        '-',      '-',        '-',        '-',        '-',     '-',        '-',     '-'],
  missed:    ['-',       '-',        '-',        '-',        '-',      '-',        '-',        '-',        '-',     '-',        '-',     '-'],
  canceled:  ['-',       '-',        '-',        '-',        '-',      '-',        '-',        '-',        '-',     '-',        '-',     '-'],
  failed:    ['-',       '-',        '-',        '-',        '-',      '-',        '-',        '-',        '-',     '-',        '-',     '-'],
};

const cases = CALL_STATES.flatMap((status) =>
  EVENTS.map(([event, facts], i) => [status, event, facts, EXPECTED[status][i]!] as const),
);

describe('call lifecycle: every state × every event', () => {
  test.each(cases)('%s + %o with %o → %s', (status, event, facts, expected) => {
    const decision = transition(status, event, facts);
    if (expected === '-') expect(decision).toEqual({ ok: false });
    else expect(decision).toMatchObject({ ok: true, status: expected });
  });
});

describe('room facts', () => {
  test.each([
    ['accepted', 'callee', true, 'connected'],
    ['accepted', 'caller', true, 'connected'],
    ['accepted', 'callee', false, 'accepted'],
    ['ringing', 'callee', true, 'ringing'],
  ] as const)('%s, %s joins, other in: %s → %s', (status, party, otherJoined, expected) => {
    expect(transition(status, { type: 'joined' }, { party, otherJoined, stale: false })).toEqual({
      ok: true,
      status: expected,
    });
  });

  test('a leave older than the same party’s re-join is stale and changes nothing', () => {
    const facts = { party: 'callee', otherJoined: true, stale: true } as const;
    expect(transition('connected', { type: 'left' }, facts)).toEqual({ ok: false });
    expect(transition('connected', { type: 'left' }, { ...facts, stale: false })).toEqual({
      ok: true,
      status: 'ended',
      reason: 'callee left',
    });
  });

  test('a party whose connection is lost (not back in time) fails the call; leaving ends it', () => {
    const facts = { party: 'caller', otherJoined: true, stale: false } as const;
    expect(transition('connected', { type: 'left', connectionLost: true }, facts)).toEqual({
      ok: true,
      status: 'failed',
      reason: 'caller lost the connection',
    });
    expect(transition('ringing', { type: 'left', connectionLost: true }, facts)).toEqual({
      ok: true,
      status: 'canceled',
      reason: 'caller left',
    });
  });

  test.each(LIVE_STATES)('a room event about nobody known leaves a %s call as it is', (status) => {
    expect(transition(status, { type: 'joined' })).toEqual({ ok: false });
    expect(transition(status, { type: 'left' })).toEqual({ ok: false });
  });

  test('someone who is not a party (an agent, a hidden listener) changes nothing', () => {
    const nobody = { party: 'none', otherJoined: true, stale: false } as const;
    expect(transition('accepted', { type: 'joined' }, nobody)).toEqual({ ok: false });
    expect(transition('connected', { type: 'left' }, nobody)).toEqual({ ok: false });
  });
});

describe('why a call ended, as its history keeps it', () => {
  const inCall: RoomFacts = { party: 'callee', otherJoined: true, stale: false };
  test.each([
    ['ringing', { type: 'room-closed' }, NO_FACTS, 'canceled', 'room closed'],
    ['connected', { type: 'room-closed' }, NO_FACTS, 'ended', 'room closed'],
    ['connected', { type: 'left' }, inCall, 'ended', 'callee left'],
    ['accepted', { type: 'end', reason: 'caller hung up' }, NO_FACTS, 'ended', 'caller hung up'],
    ['ringing', { type: 'fail', reason: 'could not ring' }, NO_FACTS, 'failed', 'could not ring'],
  ] as [CallState, CallEvent, RoomFacts, CallState, string][])(
    '%s + %o → %s, because "%s"',
    (status, event, facts, expected, reason) => {
      expect(transition(status, event, facts)).toEqual({ ok: true, status: expected, reason });
    },
  );

  test('an event that carries no reason records none', () => {
    expect(transition('ringing', { type: 'accept' })).toEqual({ ok: true, status: 'accepted' });
  });
});
