import { describe, expect, test } from 'vitest';
import {
  AGENT_CALL_LIFECYCLE,
  type AgentCallEvent,
} from '../../api/_lib/domain/agent-call-lifecycle';
import { CALL_LIFECYCLE, type CallEvent } from '../../api/_lib/domain/call-lifecycle';
import { CAMPAIGN_ACTIONS, CAMPAIGN_LIFECYCLE } from '../../api/_lib/domain/campaign-lifecycle';
import { LEAD_LIFECYCLE, type LeadEvent } from '../../api/_lib/domain/lead-lifecycle';
import {
  decisionTable,
  factNames,
  type FactValue,
  type Lifecycle,
} from '../../api/_lib/domain/lifecycle';

type AnyLifecycle = Lifecycle<string, { type: string }, Record<string, FactValue>>;

const CASES: [AnyLifecycle, { type: string }[]][] = [
  [
    CALL_LIFECYCLE as unknown as AnyLifecycle,
    [
      { type: 'left' },
      { type: 'left', connectionLost: true },
      { type: 'joined' },
      { type: 'room-closed' },
      { type: 'end', reason: 'callee hung up' },
      { type: 'cancel' },
    ] as CallEvent[],
  ],
  [
    AGENT_CALL_LIFECYCLE as unknown as AnyLifecycle,
    [
      { type: 'left' },
      { type: 'answer' },
      { type: 'ring-timeout' },
      { type: 'ring-timeout', sipLegChecked: true },
      { type: 'busy', sipStatusCode: '486' },
    ] as AgentCallEvent[],
  ],
  [CAMPAIGN_LIFECYCLE as unknown as AnyLifecycle, CAMPAIGN_ACTIONS.map((type) => ({ type }))],
  [
    LEAD_LIFECYCLE as unknown as AnyLifecycle,
    [
      { type: 'dial' },
      { type: 'answered' },
      { type: 'finished', outcome: 'no_answer' },
      { type: 'fail', reason: 'SIP 404' },
      { type: 'skip', reason: 'do_not_call' },
    ] as LeadEvent[],
  ],
];

const LIFECYCLES = CASES.map(([lifecycle, events]) => ({
  name: lifecycle.name,
  lifecycle,
  events,
}));

describe.each(LIFECYCLES)('the decision table of the $name lifecycle', ({ lifecycle, events }) => {
  test.each(events)('holds the transition’s answer for every state and every fact: %o', (event) => {
    const table = decisionTable(lifecycle, event);
    const names = factNames(lifecycle);
    const combinations = names.reduce((n, name) => n * lifecycle.facts[name]!.length, 1);
    const states = [...lifecycle.live, ...lifecycle.terminal];
    const keys = new Set(table.map((row) => [row.from, ...row.facts].join('|')));
    expect(keys.size).toBe(states.length * combinations);
    expect(table).toHaveLength(keys.size);
    for (const row of table) {
      const facts = Object.fromEntries(names.map((name, i) => [name, row.facts[i]!]));
      const decision = lifecycle.transition(row.from, event, facts);
      expect([row.to, row.reason]).toEqual(
        decision.ok ? [decision.status, decision.reason ?? null] : [null, null],
      );
    }
  });
});

describe.each(LIFECYCLES)('the states of the $name lifecycle', ({ lifecycle, events }) => {
  test('are split into live and terminal, each once', () => {
    const states = [...lifecycle.live, ...lifecycle.terminal];
    expect(new Set(states).size).toBe(states.length);
  });

  test('a terminal state refuses every event', () => {
    for (const event of events) {
      for (const row of decisionTable(lifecycle, event)) {
        if (lifecycle.terminal.includes(row.from)) expect(row.to).toBeNull();
      }
    }
  });
});
