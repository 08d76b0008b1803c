import { useState } from 'react';
import { errorCode } from '../lib/api-client';
import { useI18n } from '../lib/i18n';
import { isMediaStandIn } from '../lib/media-server';
import { useSession } from '../lib/session';
import type { CallConnection, CallRoomState } from '../lib/livekit/use-call-room';

interface MediaBannerProps {
  /** The call's room (use-call-room.ts). */
  room: Pick<CallRoomState, 'connection' | 'mediaFailed'> & { retry(): void };
  /** What still works while the media server is away, for where the call stands now. */
  unreachableDetail: string;
}

/**
 * What is wrong with sound and video, if anything. Ringing, answering and hanging up go through
 * the API, so they keep working whatever this says. "Try again" keeps the banner up while it
 * tries ("Trying again…"), then says when it last tried, so a tap is never met with nothing.
 */
export function MediaBanner({ room, unreachableDetail }: MediaBannerProps) {
  const { connection, mediaFailed } = room;
  const { t, tRich, locale } = useI18n();
  const { dev } = useSession();
  const [retried, setRetried] = useState<{ at: number; from: CallConnection } | null>(null);
  const retrying = retried !== null && connection.status === 'connecting';
  const shown = retrying ? retried.from : connection;
  const retry = (
    <>
      {retried && !retrying && retried.from.status === shown.status && (
        <p className="call-banner__hint" data-testid="media-retried">
          {t('call.media.stillDown', {
            time: new Date(retried.at).toLocaleTimeString(locale, { timeStyle: 'medium' }),
          })}
        </p>
      )}
      <button
        type="button"
        className="call-banner__button"
        disabled={retrying}
        onClick={() => {
          setRetried({ at: Date.now(), from: connection });
          room.retry();
        }}
        data-testid="media-retry"
      >
        {retrying ? t('call.media.retrying') : t('common.retry')}
      </button>
    </>
  );

  switch (shown.status) {
    case 'unreachable':
      return (
        <div className="call-banner" role="alert" data-testid="media-unreachable">
          <p className="call-banner__title">{t('meeting.unreachable.title')}</p>
          <p data-testid="media-unreachable-detail">{unreachableDetail}</p>
          {dev && (
            <p className="call-banner__hint">
              {isMediaStandIn(shown.url) && <>{t('meeting.unreachable.standIn')} </>}
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
          <p>{t('call.media.failed', { code: errorCode(shown.error) })}</p>
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
      if (shown.reconnecting) {
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
