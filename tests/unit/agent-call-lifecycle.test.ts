import { describe, expect, test } from 'vitest';
import {
  AGENT_CALL_STATES,
  AGENT_LIVE_STATES,
  agentTransition,
  type AgentCallEvent,
  type AgentCallState,
  type AgentRoomFacts,
} from '../../api/_lib/domain/agent-call-lifecycle';

const callee: AgentRoomFacts = { isCallee: true, stale: false, agentJoined: false, isPhone: false };
const EVENTS: [AgentCallEvent, AgentRoomFacts | undefined][] = [
  [{ type: 'ring' }, undefined],
  [{ type: 'answer' }, callee],
  [{ type: 'left' }, callee],
  [{ type: 'room-closed' }, undefined],
  [{ type: 'end', reason: 'agent hung up' }, undefined],
  [{ type: 'ring-timeout' }, undefined],
  [{ type: 'no-answer' }, undefined],
  [{ type: 'busy', sipStatusCode: '486' }, undefined],
  [{ type: 'decline', reason: 'not now' }, undefined],
  [{ type: 'fail', reason: 'SIP 404' }, undefined],
  [{ type: 'agent-joined' }, undefined],
  [{ type: 'no-agent' }, undefined],
];

// prettier-ignore
const EXPECTED: Record<AgentCallState, (AgentCallState | '-')[]> = {
  //          ring       answer      left     closed   end      timeout   no-answer busy    decline     fail      agent-joined no-agent
  initiated: ['ringing', 'answered', 'ended', '-',     '-',     'missed', 'missed', 'busy', 'canceled', 'failed', 'initiated', 'failed'],
  ringing:   ['-',       'answered', 'ended', '-',     '-',     'missed', 'missed', 'busy', 'canceled', 'failed', 'ringing',   'failed'],
  answered:  ['-',       'answered', 'ended', 'ended', 'ended', '-',      '-',      '-',    '-',        'failed', 'answered',  'failed'],
  ended:     ['-',       '-',        '-',     '-',     '-',     '-',      '-',      '-',    '-',        '-',      '-',         '-'],
  missed:    ['-',       '-',        '-',     '-',     '-',     '-',      '-',      '-',    '-',        '-',      '-',         '-'],
  busy:      ['-',       '-',        '-',     '-',     '-',     '-',      '-',      '-',    '-',        '-',      '-',         '-'],
  failed:    ['-',       '-',        '-',     '-',     '-',     '-',      '-',      '-',    '-',        '-',      '-',         '-'],
  canceled:  ['-',       '-',        '-',     '-',     '-',     '-',      '-',      '-',    '-',        '-',      '-',         '-'],
};

const cases = AGENT_CALL_STATES.flatMap((status) =>
  EVENTS.map(([event, facts], i) => [status, event, facts, EXPECTED[status][i]!] as const),
);

describe('agent call lifecycle: every state × every event', () => {
  test.each(cases)('%s + %o → %s', (status, event, facts, expected) => {
    const decision = agentTransition(status, event, facts);
    if (expected === '-') expect(decision).toEqual({ ok: false });
    else expect(decision).toMatchObject({ ok: true, status: expected });
  });

  test('no agent: failed with reason no_agent, unless the agent has joined', () => {
    const joined = { isCallee: false, stale: false, agentJoined: true, isPhone: false };
    for (const status of AGENT_LIVE_STATES) {
      expect(agentTransition(status, { type: 'no-agent' })).toEqual({
        ok: true,
        status: 'failed',
        reason: 'no_agent',
      });
      expect(agentTransition(status, { type: 'no-agent' }, joined)).toEqual({ ok: false });
    }
  });

  test('busy keeps its SIP status; a missed call says why', () => {
    expect(agentTransition('ringing', { type: 'busy', sipStatusCode: '486' })).toEqual({
      ok: true,
      status: 'busy',
      reason: 'busy',
      sipStatusCode: '486',
    });
    expect(agentTransition('ringing', { type: 'ring-timeout' })).toMatchObject({
      reason: 'no answer in 60 s',
    });
  });

  test.each(AGENT_LIVE_STATES)(
    'a room event about nobody known leaves a %s call as it is',
    (status) => {
      expect(agentTransition(status, { type: 'answer' })).toEqual({ ok: false });
      expect(agentTransition(status, { type: 'left' })).toEqual({ ok: false });
    },
  );

  test('a stale leave, or anyone but the callee, changes nothing', () => {
    expect(
      agentTransition(
        'answered',
        { type: 'left' },
        { isCallee: true, stale: true, agentJoined: true, isPhone: false },
      ),
    ).toEqual({
      ok: false,
    });
    expect(
      agentTransition(
        'ringing',
        { type: 'answer' },
        { isCallee: false, stale: false, agentJoined: true, isPhone: false },
      ),
    ).toEqual({
      ok: false,
    });
  });
});

// prettier-ignore
const RING_TIMEOUTS: [AgentCallState, boolean, boolean, AgentCallState | '-'][] = [
  // status     phone  SIP leg checked
  ['ringing',   false, false, 'missed'],
  ['ringing',   true,  false, '-'],
  ['ringing',   true,  true,  'missed'],
  ['initiated', true,  false, 'missed'],
  ['answered',  true,  true,  '-'],
  ['missed',    true,  true,  '-'],
];

describe('the ring time-out of a phone waits for LiveKit’s word on its SIP leg', () => {
  test.each(RING_TIMEOUTS)(
    '%s, phone %s, SIP leg checked %s → %s',
    (status, isPhone, sipLegChecked, expected) => {
      const facts = { isCallee: false, stale: false, agentJoined: false, isPhone };
      const decision = agentTransition(status, { type: 'ring-timeout', sipLegChecked }, facts);
      if (expected === '-') expect(decision).toEqual({ ok: false });
      else expect(decision).toEqual({ ok: true, status: expected, reason: 'no answer in 60 s' });
    },
  );
});

describe('why an agent call ended, as its status shows it', () => {
  test.each([
    ['answered', { type: 'left' }, callee, 'ended', 'callee left'],
    ['answered', { type: 'room-closed' }, undefined, 'ended', 'room closed'],
    ['answered', { type: 'end', reason: 'agent hung up' }, undefined, 'ended', 'agent hung up'],
    ['ringing', { type: 'decline', reason: 'not now' }, undefined, 'canceled', 'not now'],
    ['ringing', { type: 'no-answer' }, undefined, 'missed', 'no answer'],
    [
      'initiated',
      { type: 'fail', reason: 'dispatch failed' },
      undefined,
      'failed',
      'dispatch failed',
    ],
  ] as [AgentCallState, AgentCallEvent, AgentRoomFacts | undefined, AgentCallState, string][])(
    '%s + %o → %s, because "%s"',
    (status, event, facts, expected, reason) => {
      expect(agentTransition(status, event, facts)).toEqual({ ok: true, status: expected, reason });
    },
  );

  test('a phone leg that failed keeps its SIP status; an answer records no reason', () => {
    expect(
      agentTransition('ringing', { type: 'fail', reason: 'SIP 404', sipStatusCode: '404' }),
    ).toEqual({ ok: true, status: 'failed', reason: 'SIP 404', sipStatusCode: '404' });
    expect(agentTransition('ringing', { type: 'answer' }, callee)).toEqual({
      ok: true,
      status: 'answered',
    });
  });
});
