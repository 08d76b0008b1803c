import { errorCode } from '../lib/api-client';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { CallConnection } from '../lib/livekit/use-call-room';

interface MediaBannerProps {
  connection: CallConnection;
  mediaFailed: boolean;
  onRetry(): void;
  /** What still works while the media server is away; a 1:1 call's words by default. */
  unreachableDetail?: string;
}

/**
 * What is wrong with sound and video, if anything. Ringing, answering and hanging up go through
 * the API, so they keep working whatever this says.
 */
export function MediaBanner({
  connection,
  mediaFailed,
  onRetry,
  unreachableDetail,
}: MediaBannerProps) {
  const { t, tRich } = useI18n();
  const { dev } = useSession();
  const retry = (
    <button type="button" className="call-banner__button" onClick={onRetry}>
      {t('common.retry')}
    </button>
  );

  switch (connection.status) {
    case 'unreachable':
      return (
        <div className="call-banner" role="alert" data-testid="media-unreachable">
          <p className="call-banner__title">{t('meeting.unreachable.title')}</p>
          <p>{unreachableDetail ?? t('call.media.unreachable')}</p>
          {dev && (
            <p className="call-banner__hint">
              {tRich('meeting.unreachable.hint', {
                command: <code>livekit-server --dev</code>,
                env: <code>LIVEKIT_URL</code>,
              })}
            </p>
          )}
          {retry}
        </div>
      );
    case 'failed':
      return (
        <div className="call-banner" role="alert" data-testid="media-failed">
          <p>{t('call.media.failed', { code: errorCode(connection.error) })}</p>
          {retry}
        </div>
      );
    case 'lost':
      return (
        <div className="call-banner" role="alert" data-testid="media-lost">
          <p>{t('call.media.lost')}</p>
          {retry}
        </div>
      );
    case 'connected':
      if (connection.reconnecting) {
        return (
          <div className="call-banner call-banner--quiet" role="status" data-testid="reconnecting">
            {t('meeting.state.reconnecting')}
          </div>
        );
      }
  }
  return mediaFailed ? (
    <div className="call-banner call-banner--quiet" role="status" data-testid="media-problem">
      {t('meeting.mediaFailed')}
    </div>
  ) : null;
}
