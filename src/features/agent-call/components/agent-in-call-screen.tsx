import { RoomAudioRenderer, RoomContext, TrackToggle } from '@livekit/components-react';
import { Track } from 'livekit-client';
import type { ReactNode } from 'react';
import { AssistantAvatar } from '../../../components/assistant-avatar';
import { HangUpIcon } from '../../../components/call-icons';
import { RoundAction } from '../../../components/round-action';
import { StartAudioButton } from '../../../components/start-audio-button';
import { agentCallTitle, type AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import { formatDuration } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import type { CallConnection } from '../../../lib/livekit/use-call-room';
import { useNow } from '../../../lib/use-now';
import { ConnectionQualities } from '../../../components/connection-qualities';

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
  const room = connection.status === 'connected' ? connection.room : null;
  const body = (
    <main
      className="call call--live call--audio"
      data-testid="agent-call-page"
      data-status={call.status}
      data-media={connection.status}
    >
      <header className="call__top">
        <strong className="call__top-name" data-testid="agent-call-name">
          {agentCallTitle(call) ?? t('agentCall.assistant')}
        </strong>
        <ConnectionLine connection={connection} />
        <CallTimer {...props} />
        {room && <ConnectionQualities />}
      </header>
      {banner}
      <div className="call__stage">
        <AssistantAvatar size="large" />
      </div>
      <footer className="call__controls">
        {room && (
          <div className="call__toggles">
            <TrackToggle source={Track.Source.Microphone} className="call-control">
              <span>{t('meeting.microphone')}</span>
            </TrackToggle>
          </div>
        )}
        <RoundAction
          label={t('call.end')}
          tone="end"
          icon={<HangUpIcon size={30} />}
          onClick={onHangUp}
          testId="hang-up-button"
        />
      </footer>
      {room && (
        <>
          <StartAudioButton />
          <RoomAudioRenderer />
        </>
      )}
    </main>
  );
  return room ? <RoomContext value={room}>{body}</RoomContext> : body;
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
