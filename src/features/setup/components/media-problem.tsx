import { useI18n, type MessageKey } from '../../../lib/i18n';
import { openInExternalBrowser } from '../../../lib/liff-open-window';
import type { MediaFailure } from '../hooks/use-media-track';

const explanation: Record<MediaFailure, MessageKey> = {
  unsupported: 'setup.media.unsupported',
  denied: 'setup.media.denied',
  'not-found': 'setup.media.notFound',
  other: 'setup.media.unsupported',
};

interface MediaProblemProps {
  reason: MediaFailure;
  /** The address to reopen in the phone's browser, so the user lands where they were. */
  returnUrl: string;
  onRetry(): void;
  onJoinWithout(): void;
}

/** getUserMedia failed: say so plainly, and offer the ways forward. */
export default function MediaProblem({
  reason,
  returnUrl,
  onRetry,
  onJoinWithout,
}: MediaProblemProps) {
  const { t } = useI18n();
  return (
    <div className="notice" role="alert" data-testid="media-problem">
      <p className="notice__title">{t('setup.media.unavailable')}</p>
      <p>{t(explanation[reason])}</p>
      <div className="notice__actions">
        {reason !== 'not-found' && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => openInExternalBrowser(returnUrl)}
          >
            {t('setup.media.openExternal')}
          </button>
        )}
        {/* A browser without getUserMedia will not grow one; a denied permission can change. */}
        {reason !== 'unsupported' && (
          <button type="button" className="button button--secondary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary"
          onClick={onJoinWithout}
          data-testid="join-without-media"
        >
          {t('setup.media.joinWithout')}
        </button>
      </div>
    </div>
  );
}
