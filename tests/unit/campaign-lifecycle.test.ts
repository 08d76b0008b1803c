import { describe, expect, test } from 'vitest';
import {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATES,
  campaignTransition,
  type CampaignState,
} from '../../api/_lib/domain/campaign-lifecycle';

// prettier-ignore
const EXPECTED: Record<CampaignState, (CampaignState | '-')[]> = {
  //          start      pause     resume     complete     cancel
  draft:     ['running', '-',      '-',       '-',         'canceled'],
  running:   ['-',       'paused', '-',       'completed', 'canceled'],
  paused:    ['-',       '-',      'running', 'completed', 'canceled'],
  completed: ['-',       '-',      '-',       '-',         '-'],
  canceled:  ['-',       '-',      '-',       '-',         '-'],
};

const cases = CAMPAIGN_STATES.flatMap((status) =>
  CAMPAIGN_ACTIONS.map((type, i) => [status, type, EXPECTED[status][i]!] as const),
);

describe('campaign lifecycle: every state × every action, with leads to call', () => {
  test.each(cases)('%s + %s → %s', (status, type, expected) => {
    const decision = campaignTransition(status, { type }, { hasLeads: true });
    if (expected === '-') expect(decision).toEqual({ ok: false });
    else expect(decision).toEqual({ ok: true, status: expected });
  });
});

describe('without a lead left to call', () => {
  test('a campaign neither starts nor resumes', () => {
    expect(campaignTransition('draft', { type: 'start' }, { hasLeads: false })).toEqual({
      ok: false,
    });
    expect(campaignTransition('paused', { type: 'resume' }, { hasLeads: false })).toEqual({
      ok: false,
    });
  });

  test.each([
    ['running', 'pause', 'paused'],
    ['running', 'complete', 'completed'],
    ['draft', 'cancel', 'canceled'],
  ] as const)('a %s campaign may still %s', (status, type, to) => {
    expect(campaignTransition(status, { type }, { hasLeads: false })).toEqual({
      ok: true,
      status: to,
    });
  });
});
