// A 1:1 call (lazy chunk: the only way into livekit-client besides the meeting). The API's call is
// the truth on every load; the room only tells the screen when to read it again, so ringing,
// answering and hanging up work even when the media server cannot be reached.
import '../../../components/call-screen.css';
import './call.css';
import { useEffect, useRef, useState } from 'react';
import { ActionErrorBanner } from '../../../components/action-error-banner';
import { CallPageShell, type ReadyCall } from '../../../components/call-page-shell';
import { MediaBanner } from '../../../components/media-banner';
import { isLive, isRinging, type CallView } from '../../../lib/calls/call-view';
import { useCallScreen } from '../../../lib/calls/use-call-screen';
import { useOpenedToAnswer } from '../../../lib/calls/use-opened-to-answer';
import { useI18n } from '../../../lib/i18n';
import { useCallQuality } from '../../../lib/livekit/use-call-quality';
import { connectedRoom } from '../../../lib/livekit/use-call-room';
import type { CallAction } from '../api/act-on-call';
import { callApi } from '../api/call-api';
import { callConnectionMode, callPageState } from '../call-page-state';
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
  const answeredOnOpen = useOpenedToAnswer(call.role === 'callee' && isRinging(call.status));
  // The tap in LINE was the answer: send it, once (StrictMode runs effects twice).
  const answered = useRef(false);
  useEffect(() => {
    if (!answeredOnOpen || answered.current) return;
    answered.current = true;
    void act('accept');
  }, [answeredOnOpen, act]);
  const [otherLost, setOtherLost] = useState(false);
  const page = callPageState(call, { answeredOnOpen, otherLost, pending, actionError });

  const media = useCallScreen({
    room: call.room,
    mode: callConnectionMode(page, call.role),
    media: call.media,
    live: isLive(call.status),
    ringDeadline: isRinging(call.status) ? call.ringDeadline : null,
    refresh,
  });
  const room = connectedRoom(media.connection);
  useCallQuality(call.id, call.status === 'connected' ? room : null);

  // The other party dropped and did not come back: hang up and say so. The server records it
  // as ended by this side ("… hung up"), which is fine; this screen tells what really happened.
  useLostPartyTimeout(
    page === 'in-call' && room !== null,
    media.otherPresent,
    media.otherJoinedAt !== null,
    () => {
      setOtherLost(true);
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

  if (page === 'over' || page === 'lost') {
    return <CallOverScreen call={call} connectionLost={page === 'lost'} />;
  }
  const banner = (
    <>
      <MediaBanner
        room={media}
        unreachableDetail={t(
          page === 'in-call'
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
  return page === 'in-call' ? (
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
  ) : (
    <RingingScreen
      call={call}
      connection={media.connection}
      camera={media.camera}
      // Answering: Accept says so, whether tapped here or in LINE's message.
      pending={page === 'answering' ? (pending ?? 'accept') : pending}
      banner={banner}
      onAct={onAct}
    />
  );
}
