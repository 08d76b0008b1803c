import { TrackToggle } from '@livekit/components-react';
import { Track } from 'livekit-client';
import type { ReactNode } from 'react';
import { AssistantAvatar } from '../../../components/assistant-avatar';
import { InCallLayout } from '../../../components/in-call-layout';
import { agentCallTitle, type AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import { formatDuration } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import { connectedRoom, type CallConnection } from '../../../lib/livekit/use-call-room';
import { useNow } from '../../../lib/use-now';
import { useLiveCaptions } from '../hooks/use-live-captions';
import { LiveCaptions } from './live-captions';

interface AgentInCallScreenProps {
  call: AgentCallView;
  connection: CallConnection;
  /** When the agent was first seen in the room on this connection. */
  otherJoinedAt: number | null;
  banner: ReactNode;
  onHangUp(): void;
}

/** Talking to the assistant: voice only, so no camera and no video, just who, how long, mute, end. */
export function AgentInCallScreen(props: AgentInCallScreenProps) {
  const { call, connection, banner, onHangUp } = props;
  const { t } = useI18n();
  const captions = useLiveCaptions(connectedRoom(connection));
  return (
    <InCallLayout
      marks={{ testId: 'agent-call-page', status: call.status, connection: connection.status }}
      connection={connection}
      media="audio"
      name={agentCallTitle(call) ?? t('agentCall.assistant')}
      nameTestId="agent-call-name"
      state={
        <>
          <ConnectionLine connection={connection} />
          <CallTimer {...props} />
        </>
      }
      banner={banner}
      stage={
        <div className="call__stage">
          <div className="agent-call__stage">
            <AssistantAvatar size="large" />
            <LiveCaptions captions={captions} />
          </div>
        </div>
      }
      controls={
        connectedRoom(connection) && (
          <div className="call__toggles">
            <TrackToggle source={Track.Source.Microphone} className="call-control">
              <span>{t('meeting.microphone')}</span>
            </TrackToggle>
          </div>
        )
      }
      end={{ testId: 'hang-up-button', onClick: onHangUp }}
    />
  );
}

/** Connecting… / Connected / Reconnecting…; what went wrong is in the banner. */
function ConnectionLine({ connection }: { connection: CallConnection }) {
  const { t } = useI18n();
  const text =
    connection.status === 'connecting'
      ? t('call.connecting')
      : connection.status === 'connected'
        ? t(connection.reconnecting ? 'meeting.state.reconnecting' : 'agentCall.connected')
        : t('agentCall.noConnection');
  return (
    <span className="call__clock" role="status" data-testid="agent-call-state">
      {text}
    </span>
  );
}

/** How long we have been talking: from the server's answer, or from when the agent was seen. */
function CallTimer({ call, otherJoinedAt }: AgentInCallScreenProps) {
  const since = call.answeredAt ? Date.parse(call.answeredAt) : otherJoinedAt;
  const now = useNow(since !== null);
  if (since === null) return null;
  return (
    <span className="call__clock" role="timer" data-testid="agent-call-timer">
      {formatDuration((now - since) / 1000)}
    </span>
  );
}
