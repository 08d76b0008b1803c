import { describe, expect, test } from 'vitest';
import {
  LEAD_STATES,
  leadTransition,
  RETRYABLE_OUTCOMES,
  LEAD_OUTCOMES,
  type LeadEvent,
  type LeadState,
} from '../../api/_lib/domain/lead-lifecycle';

const EVENTS: LeadEvent[] = [
  { type: 'dial' },
  { type: 'answered' },
  { type: 'finished', outcome: 'confirmed' },
  { type: 'fail', reason: 'SIP 404' },
  { type: 'skip', reason: 'do_not_call' },
];

// prettier-ignore
const EXPECTED: Record<LeadState, [noRetry: (LeadState | '-')[], retry: (LeadState | '-')[]]> = {
  //                 dial       answered   finished  fail      skip
  pending:         [['dialing', '-',       '-',      '-',      'skipped'], ['dialing', '-',       '-',               '-',               'skipped']],
  dialing:         [['-',       'in_call', 'done',   'failed', '-'],       ['-',       'in_call', 'retry_scheduled', 'retry_scheduled', '-']],
  in_call:         [['-',       '-',       'done',   'failed', '-'],       ['-',       '-',       'retry_scheduled', 'retry_scheduled', '-']],
  retry_scheduled: [['dialing', '-',       '-',      '-',      'skipped'], ['dialing', '-',       '-',               '-',               'skipped']],
  done:            [['-',       '-',       '-',      '-',      '-'],       ['-',       '-',       '-',               '-',               '-']],
  failed:          [['-',       '-',       '-',      '-',      '-'],       ['-',       '-',       '-',               '-',               '-']],
  skipped:         [['-',       '-',       '-',      '-',      '-'],       ['-',       '-',       '-',               '-',               '-']],
};

const cases = LEAD_STATES.flatMap((status) =>
  [false, true].flatMap((retryAllowed) =>
    EVENTS.map(
      (event, i) =>
        [status, event, retryAllowed, EXPECTED[status][Number(retryAllowed)]![i]!] as const,
    ),
  ),
);

describe('lead lifecycle: every state × every event × whether the policy retries', () => {
  test.each(cases)('%s + %o (retry allowed: %s) → %s', (status, event, retryAllowed, expected) => {
    const decision = leadTransition(status, event, { retryAllowed });
    if (expected === '-') expect(decision).toEqual({ ok: false });
    else expect(decision).toMatchObject({ ok: true, status: expected });
  });

  test('a finished lead keeps its outcome, a failed one its reason, a skipped one why', () => {
    const noRetry = { retryAllowed: false };
    expect(leadTransition('in_call', { type: 'finished', outcome: 'declined' }, noRetry)).toEqual({
      ok: true,
      status: 'done',
      reason: 'declined',
    });
    expect(leadTransition('dialing', { type: 'fail', reason: 'SIP 404' }, noRetry)).toMatchObject({
      reason: 'SIP 404',
    });
    expect(
      leadTransition('pending', { type: 'skip', reason: 'outside_window' }, noRetry),
    ).toMatchObject({
      reason: 'outside_window',
    });
  });

  test('a retry policy may name only outcomes that are a miss, not an answer', () => {
    expect(RETRYABLE_OUTCOMES.every((outcome) => LEAD_OUTCOMES.includes(outcome))).toBe(true);
    expect(RETRYABLE_OUTCOMES).not.toContain('confirmed');
    expect(RETRYABLE_OUTCOMES).not.toContain('declined');
  });
});
