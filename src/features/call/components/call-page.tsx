// A 1:1 call (lazy chunk: the only way into livekit-client besides the meeting). The API's call is
// the truth on every load; the room only tells the screen when to read it again, so ringing,
// answering and hanging up work even when the media server cannot be reached.
import '../../../components/call-screen.css';
import './call.css';
import { useEffect, useRef, useState } from 'react';
import { ActionErrorBanner } from '../../../components/action-error-banner';
import { CallPageShell, type ReadyCall } from '../../../components/call-page-shell';
import { MediaBanner } from '../../../components/media-banner';
import { isInCall, isLive, isRinging, type CallView } from '../../../lib/calls/call-view';
import { useCallScreen } from '../../../lib/calls/use-call-screen';
import { useOpenedToAnswer } from '../../../lib/calls/use-opened-to-answer';
import { useI18n } from '../../../lib/i18n';
import { useCallQuality } from '../../../lib/livekit/use-call-quality';
import type { ConnectionMode } from '../../../lib/livekit/use-call-room';
import type { CallAction } from '../api/act-on-call';
import { callApi } from '../api/call-api';
import { useLostPartyTimeout } from '../hooks/use-lost-party-timeout';
import { CallOverScreen } from './call-over-screen';
import { InCallScreen } from './in-call-screen';
import { RingingScreen } from './ringing-screen';

/** How often to read the call while the room shows both of us and the server does not yet. */
const JOIN_RECHECK_MS = 1_000;

export default function CallPage({ id }: { id: string }) {
  return (
    <CallPageShell api={callApi} id={id} errorTestId="call-error" forbidden="call.error.forbidden">
      {(ready) => <CallScreen {...ready} />}
    </CallPageShell>
  );
}

function CallScreen({ call, pending, actionError, refresh, act }: ReadyCall<CallView, CallAction>) {
  const { t } = useI18n();
  const answerOnOpen = useOpenedToAnswer(call.role === 'callee' && isRinging(call.status));
  const answered = useRef(false);
  useEffect(() => {
    if (!answerOnOpen || answered.current) return;
    answered.current = true;
    void act('accept');
  }, [answerOnOpen, act]);

  const holdOff = pending === 'accept' || (answerOnOpen && !actionError);
  const media = useCallScreen({
    room: call.room,
    mode: connectionMode(call, holdOff),
    media: call.media,
    live: isLive(call.status),
    ringDeadline: isRinging(call.status) ? call.ringDeadline : null,
    refresh,
  });
  useCallQuality(
    call.id,
    call.status === 'connected' && media.connection.status === 'connected'
      ? media.connection.room
      : null,
  );

  // The other party dropped and did not come back: hang up and say so. The server records it
  // as ended by this side ("… hung up"), which is fine; this screen tells what really happened.
  const [connectionLost, setConnectionLost] = useState(false);
  useLostPartyTimeout(
    isInCall(call.status) && media.connection.status === 'connected',
    media.otherPresent,
    media.otherJoinedAt !== null,
    () => {
      setConnectionLost(true);
      void act('end');
    },
  );

  // The room tells us the other party is here a moment before LiveKit's participant_joined
  // webhook has made the call connected on the server: read again until it has.
  useEffect(() => {
    if (call.status !== 'accepted' || !media.otherPresent) return;
    const timer = setInterval(() => void refresh(), JOIN_RECHECK_MS);
    return () => clearInterval(timer);
  }, [call.status, media.otherPresent, refresh]);

  if (!isLive(call.status)) return <CallOverScreen call={call} connectionLost={connectionLost} />;

  const banner = (
    <>
      <MediaBanner
        room={media}
        unreachableDetail={t(
          !isRinging(call.status)
            ? 'call.media.unreachable.inCall'
            : call.role === 'caller'
              ? 'call.media.unreachable.caller'
              : 'call.media.unreachable.callee',
        )}
      />
      <ActionErrorBanner error={actionError} />
    </>
  );
  const onAct = (action: CallAction) => void act(action);
  return isRinging(call.status) ? (
    <RingingScreen
      call={call}
      connection={media.connection}
      camera={media.camera}
      pending={pending ?? (holdOff ? 'accept' : null)}
      banner={banner}
      onAct={onAct}
    />
  ) : (
    <InCallScreen
      call={call}
      connection={media.connection}
      camera={media.camera}
      otherPresent={media.otherPresent}
      otherJoinedAt={media.otherJoinedAt}
      ending={pending === 'end'}
      banner={banner}
      onEnd={() => onAct('end')}
    />
  );
}

/** Which token the room needs now (see use-call-room.ts). */
function connectionMode(call: CallView, holdOff: boolean): ConnectionMode {
  if (isInCall(call.status)) return 'full';
  if (!isRinging(call.status)) return 'none';
  if (call.role === 'caller') return 'full';
  return holdOff ? 'none' : 'listen';
}
