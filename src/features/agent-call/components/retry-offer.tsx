import { Link, useSearch } from '../../../lib/router';
import {
  agentCallPath,
  retryAfter,
  type AgentCallRetry,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { ApiError, errorCode } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import type { AgentCallAction } from '../api/act-on-agent-call';

interface RetryOfferProps {
  call: AgentCallView;
  pending: AgentCallAction | null;
  actionError: unknown;
  onRetry(): void;
}

/**
 * After a missed call: "Call me again in 5 minutes" (then 15, then 30), or what became of the call
 * back already asked for, or plainly that there are no more. `?retry=1` (a link meant for this)
 * puts the focus on the button.
 */
export function RetryOffer({ call, pending, actionError, onRetry }: RetryOfferProps) {
  const { t } = useI18n();
  const search = useSearch();
  const retry = retryAfter(call);
  if (retry) return <RetryStatus retry={retry} />;

  const minutes = call.nextRetryMinutes;
  const limitReached =
    minutes === null || (actionError instanceof ApiError && actionError.code === 'retry_limit');
  if (limitReached) {
    return (
      <>
        <p className="agent-call__note" role="status" data-testid="retry-limit">
          {t('agentCall.retry.limit')}
        </p>
        <Link href="/agent-call" className="button button--primary button--block">
          {t('agentCall.callMeNow')}
        </Link>
      </>
    );
  }
  return (
    <>
      {actionError !== null && (
        <p className="call__error" role="alert" data-testid="action-error">
          {t('call.actionFailed', { code: errorCode(actionError) })}
        </p>
      )}
      <button
        type="button"
        className="button button--primary button--block"
        onClick={onRetry}
        disabled={pending !== null}
        autoFocus={new URLSearchParams(search).get('retry') === '1'}
        data-testid="retry-button"
      >
        {t('agentCall.retry', { minutes })}
      </button>
    </>
  );
}

/** The call back already asked for: when it comes, that it came, or why it did not. */
function RetryStatus({ retry }: { retry: AgentCallRetry }) {
  const { t, locale } = useI18n();
  const time = new Date(retry.runAt).toLocaleTimeString(locale, {
    hour: 'numeric',
    minute: '2-digit',
  });
  switch (retry.status) {
    case 'scheduled':
    case 'executing':
      return (
        <p className="agent-call__note" role="status" data-testid="retry-scheduled">
          {t('agentCall.retry.scheduled', { minutes: retry.delayMinutes, time })}
        </p>
      );
    case 'executed':
      return (
        <>
          <p className="agent-call__note" role="status" data-testid="retry-done">
            {t('agentCall.retry.done', { time })}
          </p>
          {retry.newSid && (
            <Link
              href={agentCallPath(retry.newSid)}
              className="button button--primary button--block"
            >
              {t('agentCall.retry.open')}
            </Link>
          )}
        </>
      );
    case 'gave_up':
      return (
        <p className="agent-call__note" role="status" data-testid="retry-gave-up">
          {t('agentCall.retry.gaveUp')}
        </p>
      );
    case 'canceled':
    case 'failed':
      return (
        <p className="agent-call__note" role="status" data-testid="retry-canceled">
          {t('agentCall.retry.canceled')}
        </p>
      );
  }
}
