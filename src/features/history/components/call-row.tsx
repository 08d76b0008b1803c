import { Avatar } from '../../../components/avatar';
import { DirectionIcon, PhoneIcon, VideoIcon } from '../../../components/call-icons';
import { callOutcome } from '../../../lib/calls/call-outcome';
import { isLive, type CallView } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import { relativeTime } from '../relative-time';

interface CallRowProps {
  call: CallView;
  now: number;
  onOpen(call: CallView): void;
}

/** One past call: who, which way, video or voice, how it went, when. */
export function CallRow({ call, now, onOpen }: CallRowProps) {
  const { t, locale } = useI18n();
  const outgoing = call.role === 'caller';
  const missed = !outgoing && (call.status === 'missed' || call.status === 'canceled');
  const live = isLive(call.status);
  return (
    <li>
      <button
        type="button"
        className="list-row"
        onClick={() => onOpen(call)}
        data-testid="call-row"
        data-status={call.status}
      >
        <Avatar name={call.other.displayName} pictureUrl={call.other.pictureUrl} />
        <span className="list-row__main">
          <span className={`list-row__name${missed ? ' list-row__name--missed' : ''}`}>
            {call.other.displayName}
          </span>
          <span className="list-row__meta">
            <DirectionIcon outgoing={outgoing} />
            <span className="visually-hidden">
              {t(outgoing ? 'calls.outgoing' : 'calls.incoming')},{' '}
              {t(call.media === 'video' ? 'calls.video' : 'calls.voice')}
            </span>
            {call.media === 'video' ? <VideoIcon size={16} /> : <PhoneIcon size={16} />}
            <span className={live ? 'list-row__live' : undefined} data-testid="call-outcome">
              {callOutcome(call, t, true)}
            </span>
          </span>
        </span>
        <time className="list-row__time" dateTime={call.createdAt}>
          {relativeTime(call.createdAt, now, locale)}
        </time>
      </button>
    </li>
  );
}
