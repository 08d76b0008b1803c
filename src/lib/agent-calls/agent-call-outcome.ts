import { NO_AGENT_REASON } from '../../../api/_lib/contract';
import { endedOutcome } from '../calls/call-outcome';
import type { Translate } from '../i18n';
import type { AgentCallView } from './agent-call-view';

/**
 * Where an agent call stands, in the words a person expects: "Missed call", "Call ended · 2:31".
 * `short` is for history rows, where an ended call is just its length.
 */
export function agentCallOutcome(call: AgentCallView, t: Translate, short = false): string {
  switch (call.status) {
    case 'initiated':
    case 'ringing':
      return t('calls.outcome.incoming');
    case 'answered':
      return t('calls.outcome.inCall');
    case 'ended':
      return endedOutcome(call.answeredAt === null ? null : call.durationSeconds, t, short);
    case 'missed':
      return t('calls.outcome.missed');
    case 'busy':
      return t('agentCall.outcome.busy');
    case 'canceled':
      // Only the callee cancels an agent call: "Not now", or hanging up before the server saw
      // them join (no media server). To them either is a call that ended, on its page and in
      // the Calls list alike.
      return t('calls.outcome.ended');
    case 'failed':
      return t('calls.outcome.failed');
  }
}

/**
 * Why a call failed, for the person who was called: a phone that could not be reached (the SIP
 * leg), or our side (the room, the agent, the push). The raw reason is for logs, not for them.
 */
export function agentCallFailure(call: AgentCallView, t: Translate): string {
  if (call.failureReason === NO_AGENT_REASON) return t('agentCall.failed.noAgent');
  return t(call.sipStatusCode ? 'agentCall.failed.phone' : 'agentCall.failed.service');
}

/** How the conversation ended, as the assistant reported it ("Confirmed"); null before then. */
export function agentCallResult(call: AgentCallView, t: Translate): string | null {
  return call.outcome ? t(`agentCall.result.${call.outcome}`) : null;
}
