import { ConnectionError } from 'livekit-client';
import { MessageScreen } from '../../../components/message-screen';
import { ApiError, errorCode } from '../../../lib/api-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { RetryOrBack } from './retry-or-back';

interface MeetingErrorProps {
  error: unknown;
  onRetry(): void;
  onBack(): void;
}

/** Why the join failed, in plain words; retrying is offered only where it can help. */
export function MeetingError({ error, onRetry, onBack }: MeetingErrorProps) {
  const { t } = useI18n();
  const { key, retryable } = describe(error);
  const code = errorCode(error);
  return (
    <MessageScreen
      title={t('meeting.error.title')}
      testId="meeting-error"
      actions={<RetryOrBack onRetry={retryable ? onRetry : undefined} onBack={onBack} />}
    >
      <p data-testid="meeting-error-message">{t(key, { code })}</p>
    </MessageScreen>
  );
}

function describe(error: unknown): { key: MessageKey; retryable: boolean } {
  if (error instanceof ConnectionError) return { key: 'meeting.error.rejected', retryable: true };
  if (!(error instanceof ApiError)) return { key: 'meeting.error.other', retryable: true };
  switch (error.status) {
    case 0:
      return { key: 'meeting.error.network', retryable: true };
    case 400:
      return { key: 'meeting.error.badRoom', retryable: false };
    case 401:
      return { key: 'meeting.error.unauthenticated', retryable: false };
    case 403:
      return { key: 'meeting.error.forbidden', retryable: false };
    case 429:
      return { key: 'meeting.error.rateLimited', retryable: true };
    case 503:
      return { key: 'meeting.error.unavailable', retryable: true };
    default:
      return { key: 'meeting.error.other', retryable: true };
  }
}
