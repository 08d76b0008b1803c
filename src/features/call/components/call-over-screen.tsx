import { Avatar } from '../../../components/avatar';
import { CallOverLayout } from '../../../components/call-over-layout';
import { callOutcome } from '../../../lib/calls/call-outcome';
import type { CallView } from '../../../lib/calls/call-view';
import { startCallError, tooManyCalls } from '../../../lib/calls/start-call';
import { useStartCall } from '../../../lib/calls/use-start-call';
import { useI18n } from '../../../lib/i18n';
import { callPageMarks } from './call-page-marks';

/** How the call ended, and the two ways on: call again, or back to the list. */
export function CallOverScreen({
  call,
  connectionLost,
}: {
  call: CallView;
  connectionLost: boolean;
}) {
  const { t } = useI18n();
  const { state, start } = useStartCall(call.other.contactId);
  // After a 429 the button stays off: another tap would only be refused again.
  const limited = state.status === 'failed' && tooManyCalls(state.error);
  return (
    <CallOverLayout
      marks={callPageMarks(call)}
      avatar={
        <Avatar name={call.other.displayName} pictureUrl={call.other.pictureUrl} size="large" />
      }
      name={call.other.displayName}
      outcome={connectionLost ? t('calls.outcome.connectionLost') : callOutcome(call, t)}
      outcomeTestId="call-outcome"
      kind={t(call.media === 'video' ? 'calls.video' : 'calls.voice')}
      at={call.endedAt ?? call.createdAt}
    >
      {state.status === 'failed' && (
        <p
          className="call__error"
          role="alert"
          id="start-call-error"
          data-testid="start-call-error"
        >
          {startCallError(state.error, call.other, t)}
        </p>
      )}
      <button
        type="button"
        className="button button--primary button--block"
        onClick={() => void start(call.media)}
        disabled={state.status === 'starting' || limited}
        aria-describedby={state.status === 'failed' ? 'start-call-error' : undefined}
        data-testid="call-again"
      >
        {t(call.role === 'caller' ? 'call.again' : 'call.callBack')}
      </button>
    </CallOverLayout>
  );
}
