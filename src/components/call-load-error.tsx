import { ApiError, errorCode } from '../lib/api-client';
import { useI18n, type MessageKey } from '../lib/i18n';
import { Link } from '../lib/router';
import { MessageScreen } from './message-screen';

interface CallLoadErrorProps {
  error: unknown;
  onRetry(): void;
  testId: string;
  /** Why someone not in this call may not see it (403), in its kind's words. */
  forbidden: MessageKey;
}

/** A call that could not be read: why, in plain words, with Try again where it can help. */
export function CallLoadError({ error, onRetry, testId, forbidden }: CallLoadErrorProps) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : -1;
  const message =
    status === 404
      ? t('call.error.notFound')
      : status === 403
        ? t(forbidden)
        : status === 0
          ? t('meeting.error.network')
          : t('meeting.error.other', { code: errorCode(error) });
  const retryable = status !== 404 && status !== 403;
  return (
    <MessageScreen
      title={t('call.error.title')}
      testId={testId}
      actions={
        <>
          {retryable && (
            <button type="button" className="button button--primary" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
          <Link href="/history" className="button button--secondary">
            {t('call.backToCalls')}
          </Link>
        </>
      }
    >
      <p>{message}</p>
    </MessageScreen>
  );
}
