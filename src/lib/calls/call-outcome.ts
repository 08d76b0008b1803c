import type { Translate } from '../i18n';
import { formatDuration, type CallView } from './call-view';

/**
 * Where a call stands, in the words a person expects: "Declined", "No answer", "Call ended · 2:31".
 * `short` is for history rows, where an ended call is just its length.
 */
export function callOutcome(call: CallView, t: Translate, short = false): string {
  const caller = call.role === 'caller';
  switch (call.status) {
    case 'initiated':
    case 'ringing':
      return t(caller ? 'calls.outcome.ringing' : 'calls.outcome.incoming');
    case 'accepted':
    case 'connected':
      return t('calls.outcome.inCall');
    case 'ended':
      return endedOutcome(call.connectedAt === null ? null : call.durationSeconds, t, short);
    case 'declined':
      return t('calls.outcome.declined');
    case 'missed':
      return t(caller ? 'calls.outcome.noAnswer' : 'calls.outcome.missed');
    case 'canceled':
      // The caller gave up before it was answered: to the callee, a missed call (as LINE says).
      return t(caller ? 'calls.outcome.canceled' : 'calls.outcome.missed');
    case 'failed':
      return call.endReason && !short
        ? t('calls.outcome.failedBecause', { reason: call.endReason })
        : t('calls.outcome.failed');
  }
}

/**
 * An ended call, of either kind: "Call ended · 2:31", or its length alone when `short`. A call
 * nobody was ever in has `null` seconds: the server's 0 s is no length worth showing.
 */
export function endedOutcome(seconds: number | null, t: Translate, short: boolean): string {
  if (seconds === null) return t('calls.outcome.ended');
  const duration = formatDuration(seconds);
  return short ? duration : t('calls.outcome.endedAfter', { duration });
}
