import { Avatar } from '../../../components/avatar';
import { DirectionIcon, PhoneIcon, VideoIcon } from '../../../components/call-icons';
import { callOutcome } from '../../../lib/calls/call-outcome';
import { isLive, type CallView } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import { CallRowContent } from './call-row-content';

interface CallRowProps {
  call: CallView;
  now: number;
  onOpen(call: CallView): void;
}

/** One past call: who, which way, video or voice, how it went, when. */
export function CallRow({ call, now, onOpen }: CallRowProps) {
  const { t } = useI18n();
  const outgoing = call.role === 'caller';
  return (
    <li>
      <button
        type="button"
        className="list-row"
        onClick={() => onOpen(call)}
        data-testid="call-row"
        data-status={call.status}
      >
        <CallRowContent
          avatar={<Avatar name={call.other.displayName} pictureUrl={call.other.pictureUrl} />}
          name={call.other.displayName}
          missed={!outgoing && (call.status === 'missed' || call.status === 'canceled')}
          kind={
            <>
              <DirectionIcon outgoing={outgoing} />
              <span className="visually-hidden">
                {t(outgoing ? 'calls.outgoing' : 'calls.incoming')},{' '}
                {t(call.media === 'video' ? 'calls.video' : 'calls.voice')}
              </span>
              {call.media === 'video' ? <VideoIcon size={16} /> : <PhoneIcon size={16} />}
            </>
          }
          outcome={callOutcome(call, t, true)}
          live={isLive(call.status)}
          createdAt={call.createdAt}
          now={now}
        />
      </button>
    </li>
  );
}
