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
import { CallPageShell, type ReadyCall } from '../../../components/call-page-shell';
import { MediaBanner } from '../../../components/media-banner';
import {
  isAgentCallLive,
  isAgentCallRinging,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { useCallScreen } from '../../../lib/calls/use-call-screen';
import { useOpenedToAnswer } from '../../../lib/calls/use-opened-to-answer';
import { useI18n } from '../../../lib/i18n';
import type { AgentCallAction } from '../api/act-on-agent-call';
import { agentCallApi } from '../api/agent-call-api';
import {
  agentCallConnectionMode,
  agentCallPageState,
  type AgentCallChoice,
} from '../agent-call-page-state';
import { AgentCallOverScreen } from './agent-call-over-screen';
import { AgentInCallScreen } from './agent-in-call-screen';
import { AgentRingingScreen } from './agent-ringing-screen';

/** After joining or hanging up, when LiveKit's webhook has most likely reached the server. */
const WEBHOOK_SETTLE_MS = 1_500;

export default function AgentCallPage({ sid }: { sid: string }) {
  return (
    <CallPageShell
      api={agentCallApi}
      id={sid}
      errorTestId="agent-call-error"
      forbidden="agentCall.error.forbidden"
    >
      {(ready) => <AgentCallScreen {...ready} />}
    </CallPageShell>
  );
}

function AgentCallScreen(props: ReadyCall<AgentCallView, AgentCallAction>) {
  const { call, pending, actionError, refresh, act } = props;
  const { t } = useI18n();
  const answeredOnOpen = useOpenedToAnswer(isAgentCallRinging(call.status));
  const [choice, setChoice] = useState<AgentCallChoice>(answeredOnOpen ? 'accepted' : 'none');
  const page = agentCallPageState(call.status, choice);
  const media = useCallScreen({
    room: call.room,
    mode: agentCallConnectionMode(page),
    media: 'audio',
    live: isAgentCallLive(call.status),
    ringDeadline: isAgentCallRinging(call.status) ? call.ringDeadline : null,
    refresh,
  });

  // In the room, or just out of it: read once more when the server has heard (answeredAt for the
  // timer, the duration at the end).
  const settled = useEffectEvent(() => void refresh());
  const connected = media.connection.status === 'connected';
  const hungUp = page === 'hung-up';
  useEffect(() => {
    if (!connected && !hungUp) return;
    const timer = setTimeout(settled, WEBHOOK_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [connected, hungUp]);

  const hangUp = () => {
    setChoice('hung-up');
    // Still ringing as far as the server knows (never joined, or its webhook is late): cancel,
    // so the call does not turn into a missed call with a "you missed a call" message.
    if (isAgentCallRinging(call.status)) void act('cancel');
  };

  switch (page) {
    case 'hung-up':
    case 'over':
      return (
        <AgentCallOverScreen
          call={call}
          hungUp={hungUp}
          pending={pending}
          actionError={actionError}
          onRetry={() => void act('schedule-retry')}
        />
      );
    case 'ringing':
      return (
        <AgentRingingScreen
          call={call}
          pending={pending}
          actionError={actionError}
          onAccept={() => setChoice('accepted')}
          onNotNow={() => void act('cancel')}
        />
      );
    case 'joining':
    case 'in-call':
      return (
        <AgentInCallScreen
          call={call}
          connection={media.connection}
          otherJoinedAt={media.otherJoinedAt}
          banner={<MediaBanner room={media} unreachableDetail={t('agentCall.media.unreachable')} />}
          onHangUp={hangUp}
        />
      );
  }
}
