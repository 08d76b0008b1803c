import { MessageScreen } from '../../../components/message-screen';
import { useI18n } from '../../../lib/i18n';
import { isMediaStandIn } from '../../../lib/media-server';
import { useSession } from '../../../lib/session';
import { RetryOrBack } from './retry-or-back';

interface MediaUnreachableProps {
  url: string;
  onRetry(): void;
  onBack(): void;
}

/** The LiveKit server did not answer in time: say so, and say what to do. */
export function MediaUnreachable({ url, onRetry, onBack }: MediaUnreachableProps) {
  const { t, tRich } = useI18n();
  const { dev } = useSession();
  return (
    <MessageScreen
      title={t('meeting.unreachable.title')}
      testId="media-unreachable"
      actions={<RetryOrBack onRetry={onRetry} onBack={onBack} />}
    >
      <p data-testid="media-unreachable-body">
        {isMediaStandIn(url)
          ? t('meeting.unreachable.standIn')
          : t('meeting.unreachable.body', { url })}
      </p>
      <p>
        {dev
          ? tRich('meeting.unreachable.hint', {
              command: <code>livekit-server --dev</code>,
              env: <code>LIVEKIT_URL</code>,
            })
          : t('meeting.unreachable.later')}
      </p>
    </MessageScreen>
  );
}
