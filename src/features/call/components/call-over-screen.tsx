import { Link } from '../../../lib/router';
import { Avatar } from '../../../components/avatar';
import { callOutcome } from '../../../lib/calls/call-outcome';
import type { CallView } from '../../../lib/calls/call-view';
import { startCallError, tooManyCalls } from '../../../lib/calls/start-call';
import { useStartCall } from '../../../lib/calls/use-start-call';
import { useI18n } from '../../../lib/i18n';

/** How the call ended, and the two ways on: call again, or back to the list. */
export function CallOverScreen({
  call,
  connectionLost,
}: {
  call: CallView;
  connectionLost: boolean;
}) {
  const { t, locale } = useI18n();
  const { state, start } = useStartCall(call.other.contactId);
  // After a 429 the button stays off: another tap would only be refused again.
  const limited = state.status === 'failed' && tooManyCalls(state.error);
  const when = new Date(call.endedAt ?? call.createdAt).toLocaleTimeString(locale, {
    hour: 'numeric',
    minute: '2-digit',
  });
  return (
    <main
      className="call call--over"
      data-testid="call-page"
      data-status={call.status}
      data-role={call.role}
    >
      <section className="call__who">
        <Avatar name={call.other.displayName} pictureUrl={call.other.pictureUrl} size="large" />
        <p className="call__name">{call.other.displayName}</p>
        <h1 className="call__title" data-testid="call-outcome">
          {connectionLost ? t('calls.outcome.connectionLost') : callOutcome(call, t)}
        </h1>
        <p className="call__kind">
          {t(call.media === 'video' ? 'calls.video' : 'calls.voice')} · {when}
        </p>
      </section>
      <footer className="call__over-actions">
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
        <Link
          href="/history"
          className="button button--block call__back"
          data-testid="back-to-calls"
        >
          {t('call.backToCalls')}
        </Link>
      </footer>
    </main>
  );
}
