import { describe, expect, test } from 'vitest';
import {
  AGENT_CALL_LIFECYCLE,
  type AgentCallState,
} from '../../api/_lib/domain/agent-call-lifecycle';
import { CAMPAIGN_LIFECYCLE, type CampaignState } from '../../api/_lib/domain/campaign-lifecycle';
import {
  LEAD_LIFECYCLE,
  leadEventOfCall,
  type LeadState,
} from '../../api/_lib/domain/lead-lifecycle';

describe('what an agent call’s state means for its lead', () => {
  test.each([
    ['initiated', null, undefined],
    ['ringing', null, undefined],
    ['answered', null, { type: 'answered' }],
    ['ended', 'confirmed', { type: 'finished', outcome: 'confirmed' }],
    ['ended', null, { type: 'finished', outcome: 'completed' }],
    ['missed', null, { type: 'finished', outcome: 'no_answer' }],
    ['busy', null, { type: 'finished', outcome: 'busy' }],
    ['canceled', null, { type: 'finished', outcome: 'declined' }],
    ['failed', null, { type: 'fail', reason: 'SIP 404' }],
  ] as const)('%s (outcome %s) → %o', (status, outcome, expected) => {
    expect(
      leadEventOfCall({ status: status as AgentCallState, outcome, failureReason: 'SIP 404' }),
    ).toEqual(expected);
  });
});

describe('effects', () => {
  const lead = (from: LeadState, to: LeadState) =>
    LEAD_LIFECYCLE.effects({ from, to, event: { type: 'answered' } });
  test.each([
    ['dialing', 'retry_scheduled', ['wake-campaign']],
    ['in_call', 'done', ['wake-campaign']],
    ['dialing', 'failed', ['wake-campaign']],
    ['dialing', 'in_call', []],
    ['pending', 'dialing', []],
    ['pending', 'skipped', []],
  ] as const)('a lead %s → %s wakes its campaign: %o', (from, to, expected) => {
    expect(lead(from, to)).toEqual(expected);
  });

  const campaign = (from: CampaignState, to: CampaignState) =>
    CAMPAIGN_LIFECYCLE.effects({ from, to, event: { type: 'start' } });
  test.each([
    ['draft', 'running', ['start-steps']],
    ['paused', 'running', ['start-steps']],
    ['running', 'paused', []],
    ['running', 'completed', []],
  ] as const)('a campaign %s → %s: %o', (from, to, expected) => {
    expect(campaign(from, to)).toEqual(expected);
  });

  const call = (from: AgentCallState, to: AgentCallState) =>
    AGENT_CALL_LIFECYCLE.effects({ from, to, event: { type: 'ring' } });
  test.each([
    ['ringing', 'answered', ['follow-lead']],
    ['answered', 'answered', []],
    ['ringing', 'missed', ['close-room', 'follow-lead']],
    ['answered', 'ended', ['close-room', 'follow-lead']],
    ['initiated', 'ringing', []],
  ] as const)('an agent call %s → %s: %o', (from, to, expected) => {
    expect(call(from, to)).toEqual(expected);
  });
});
