// A 1:1 call (lazy chunk: the only way into livekit-client besides the meeting). The API's call is
// the truth on every load; the room only tells the screen when to read it again, so ringing,
// answering and hanging up work even when the media server cannot be reached.
import '../../../components/call-screen.css';
import './call.css';
import { useEffect, useRef, useState } from 'react';
import { Link } from '../../../lib/router';
import { MessageScreen } from '../../../components/message-screen';
import { Splash } from '../../../components/splash';
import { ApiError, errorCode } from '../../../lib/api-client';
import {
  isInCall,
  isLive,
  forgetOpenedToAnswer,
  isRinging,
  openedToAnswer,
  type CallView,
} from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import { useFollowServer } from '../../../lib/use-follow-server';
import type { CallAction } from '../api/act-on-call';
import { callApi } from '../api/call-api';
import { useServerCall } from '../../../lib/calls/use-server-call';
import { useCallQuality } from '../../../lib/livekit/use-call-quality';
import { useCallRoom, type ConnectionMode } from '../../../lib/livekit/use-call-room';
import { useLostPartyTimeout } from '../hooks/use-lost-party-timeout';
import { CallOverScreen } from './call-over-screen';
import { InCallScreen } from './in-call-screen';
import { MediaBanner } from '../../../components/media-banner';
import { RingingScreen } from './ringing-screen';

/** After the ring deadline, how long to give the server's time-out job before reading again. */
const DEADLINE_GRACE_MS = 2_000;
/** How often to read the call while the room shows both of us and the server does not yet. */
const JOIN_RECHECK_MS = 1_000;

export default function CallPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { state, refresh, act } = useServerCall(callApi, id);
  switch (state.kind) {
    case 'loading':
      return <Splash label={t('call.loading')} />;
    case 'failed':
      return <CallLoadError error={state.error} onRetry={() => void refresh()} />;
    case 'ready':
      return (
        <CallScreen
          call={state.call}
          pending={state.pending}
          actionError={state.actionError}
          refresh={refresh}
          act={act}
        />
      );
  }
}

interface CallScreenProps {
  call: CallView;
  pending: CallAction | null;
  actionError: unknown;
  refresh(): Promise<void>;
  act(action: CallAction): Promise<void>;
}

function CallScreen({ call, pending, actionError, refresh, act }: CallScreenProps) {
  const { t } = useI18n();
  // Opened from the LINE message's Accept button, the tap was the answer; otherwise ask.
  const [answerOnOpen] = useState(
    () => call.role === 'callee' && isRinging(call.status) && openedToAnswer(),
  );
  const answered = useRef(false);
  useEffect(forgetOpenedToAnswer, []);
  useEffect(() => {
    if (!answerOnOpen || answered.current) return;
    answered.current = true;
    void act('accept');
  }, [answerOnOpen, act]);

  const holdOff = pending === 'accept' || (answerOnOpen && !actionError);
  const media = useCallRoom(call.room, connectionMode(call, holdOff), call.media, () => {
    void refresh();
  });
  useCallQuality(
    call.id,
    call.status === 'connected' && media.connection.status === 'connected'
      ? media.connection.room
      : null,
  );

  useFollowServer(isLive(call.status), media.connection.status === 'connected', () => {
    void refresh();
  });

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

  // The server's 60 s time-out decides; once the countdown has run out, read the call once more
  // (without a media server there is no room to tell us).
  useEffect(() => {
    if (!isRinging(call.status)) return;
    const wait = Math.max(0, Date.parse(call.ringDeadline) - Date.now()) + DEADLINE_GRACE_MS;
    const timer = setTimeout(() => void refresh(), wait);
    return () => clearTimeout(timer);
  }, [call.status, call.ringDeadline, refresh]);

  if (!isLive(call.status)) return <CallOverScreen call={call} connectionLost={connectionLost} />;

  const banner = (
    <>
      <MediaBanner
        connection={media.connection}
        mediaFailed={media.mediaFailed}
        onRetry={media.retry}
        unreachableDetail={t(
          !isRinging(call.status)
            ? 'call.media.unreachable.inCall'
            : call.role === 'caller'
              ? 'call.media.unreachable.caller'
              : 'call.media.unreachable.callee',
        )}
      />
      {actionError !== null && (
        <div className="call-banner" role="alert" data-testid="action-error">
          {t('call.actionFailed', { code: errorCode(actionError) })}
        </div>
      )}
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

function CallLoadError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : -1;
  const message =
    status === 404
      ? t('call.error.notFound')
      : status === 403
        ? t('call.error.forbidden')
        : status === 0
          ? t('meeting.error.network')
          : t('meeting.error.other', { code: errorCode(error) });
  const retryable = status !== 404 && status !== 403;
  return (
    <MessageScreen
      title={t('call.error.title')}
      testId="call-error"
      actions={
        <>
          {retryable && (
            <button type="button" className="button button--primary" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
          <Link href="/history" className="button button--secondary">
            {t('call.backToCalls')}
          </Link>
        </>
      }
    >
      <p>{message}</p>
    </MessageScreen>
  );
}
