// An agent call (lazy chunk, with livekit-client). The API's call is the truth on every load; the
// room only tells the screen when to read it again, so accepting, "Not now", hanging up and
// "call me again" work even when the media server cannot be reached.
//
//   ringing ──Accept (or opened from LINE's Accept: ?autoAccept=1)──► in the room, audio only
//      │                                       joined → answered (LiveKit webhook) → hang up → ended
//      ├──"Not now"──► canceled
//      └──60 s──► missed ──"Call me again in 5 minutes"──► call back scheduled
import '../../../components/call-screen.css';
import './agent-call.css';
import { useEffect, useEffectEvent, useState } from 'react';
import { Link } from '../../../lib/router';
import { MediaBanner } from '../../../components/media-banner';
import { MessageScreen } from '../../../components/message-screen';
import { Splash } from '../../../components/splash';
import {
  isAgentCallLive,
  isAgentCallRinging,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { ApiError, errorCode } from '../../../lib/api-client';
import { forgetOpenedToAnswer, openedToAnswer } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import { useCallRoom } from '../../../lib/livekit/use-call-room';
import { useFollowServer } from '../../../lib/use-follow-server';
import type { AgentCallAction } from '../api/act-on-agent-call';
import { useAgentCall } from '../hooks/use-agent-call';
import { AgentCallOverScreen } from './agent-call-over-screen';
import { AgentInCallScreen } from './agent-in-call-screen';
import { AgentRingingScreen } from './agent-ringing-screen';

/** After the ring deadline, how long to give the server's time-out job before reading again. */
const DEADLINE_GRACE_MS = 2_000;
/** After joining or hanging up, when LiveKit's webhook has most likely reached the server. */
const WEBHOOK_SETTLE_MS = 1_500;

export default function AgentCallPage({ sid }: { sid: string }) {
  const { t } = useI18n();
  const { state, pending, actionError, refresh, act } = useAgentCall(sid);
  switch (state.status) {
    case 'loading':
      return <Splash label={t('call.loading')} />;
    case 'failed':
      return <AgentCallLoadError error={state.error} onRetry={() => void refresh()} />;
    case 'ready':
      return (
        <AgentCallScreen
          call={state.call}
          pending={pending}
          actionError={actionError}
          refresh={refresh}
          act={act}
        />
      );
  }
}

interface AgentCallScreenProps {
  call: AgentCallView;
  pending: AgentCallAction | null;
  actionError: unknown;
  refresh(): Promise<void>;
  act(action: AgentCallAction): Promise<void>;
}

function AgentCallScreen({ call, pending, actionError, refresh, act }: AgentCallScreenProps) {
  const { t } = useI18n();
  // Opened from the LINE message's Accept button, the tap was the answer; otherwise ask.
  const [answering, setAnswering] = useState(
    () => isAgentCallRinging(call.status) && openedToAnswer(),
  );
  useEffect(forgetOpenedToAnswer, []);
  const [hungUp, setHungUp] = useState(false);
  // Joining the room is the answer (the server sees the callee join); an answered call reopened
  // here joins again.
  const inCall =
    !hungUp && (call.status === 'answered' || (answering && isAgentCallRinging(call.status)));
  const media = useCallRoom(call.room, inCall ? 'full' : 'none', 'audio', () => void refresh());

  // The server's 60 s time-out decides; once it has run out, read the call once more (without a
  // media server there is no room to tell us).
  useEffect(() => {
    if (!isAgentCallRinging(call.status)) return;
    const wait = Math.max(0, Date.parse(call.ringDeadline) - Date.now()) + DEADLINE_GRACE_MS;
    const timer = setTimeout(() => void refresh(), wait);
    return () => clearTimeout(timer);
  }, [call, refresh]);

  // In the room, or just out of it: read once more when the server has heard (answeredAt for the
  // timer, the duration at the end).
  const settled = useEffectEvent(() => void refresh());
  const connected = media.connection.status === 'connected';
  useFollowServer(isAgentCallLive(call.status), connected, () => void refresh());
  useEffect(() => {
    if (!connected && !hungUp) return;
    const timer = setTimeout(settled, WEBHOOK_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [connected, hungUp]);

  const hangUp = () => {
    setHungUp(true);
    // Still ringing as far as the server knows (never joined, or its webhook is late): cancel,
    // so the call does not turn into a missed call with a "you missed a call" message.
    if (isAgentCallRinging(call.status)) void act('cancel');
  };

  if (hungUp || !isAgentCallLive(call.status)) {
    return (
      <AgentCallOverScreen
        call={call}
        hungUp={hungUp}
        pending={pending}
        actionError={actionError}
        onRetry={() => void act('schedule-retry')}
      />
    );
  }
  if (!inCall) {
    return (
      <AgentRingingScreen
        call={call}
        pending={pending}
        actionError={actionError}
        onAccept={() => setAnswering(true)}
        onNotNow={() => void act('cancel')}
      />
    );
  }
  return (
    <AgentInCallScreen
      call={call}
      connection={media.connection}
      otherJoinedAt={media.otherJoinedAt}
      banner={
        <MediaBanner
          connection={media.connection}
          mediaFailed={media.mediaFailed}
          onRetry={media.retry}
          unreachableDetail={t('agentCall.media.unreachable')}
        />
      }
      onHangUp={hangUp}
    />
  );
}

function AgentCallLoadError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : -1;
  const message =
    status === 404
      ? t('call.error.notFound')
      : status === 403
        ? t('agentCall.error.forbidden')
        : status === 0
          ? t('meeting.error.network')
          : t('meeting.error.other', { code: errorCode(error) });
  const retryable = status !== 404 && status !== 403;
  return (
    <MessageScreen
      title={t('call.error.title')}
      testId="agent-call-error"
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
