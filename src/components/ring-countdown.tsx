import { RING_SECONDS } from '../../api/_lib/contract';
import { formatDuration } from '../lib/calls/call-view';
import { useI18n } from '../lib/i18n';
import { useNow } from '../lib/use-now';

/** Time left before the call stops ringing, as "0:52" and a draining bar. */
export function RingCountdown({ deadline }: { deadline: string }) {
  const { t } = useI18n();
  const now = useNow(true);
  const leftMs = Math.max(0, Date.parse(deadline) - now);
  const seconds = Math.ceil(leftMs / 1000);
  return (
    <div className="countdown" role="timer" aria-label={t('call.countdown', { seconds })}>
      <span className="countdown__time" data-testid="ring-countdown">
        {formatDuration(seconds)}
      </span>
      <span className="countdown__bar" aria-hidden="true">
        <span style={{ transform: `scaleX(${Math.min(1, leftMs / (RING_SECONDS * 1000))})` }} />
      </span>
    </div>
  );
}
