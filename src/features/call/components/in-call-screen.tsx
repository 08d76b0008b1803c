import {
  isTrackReference,
  RoomAudioRenderer,
  RoomContext,
  useLocalParticipant,
  useTracks,
  VideoTrack,
} from '@livekit/components-react';
import { Track, type LocalVideoTrack } from 'livekit-client';
import type { ReactNode } from 'react';
import { Avatar } from '../../../components/avatar';
import { HangUpIcon } from '../../../components/call-icons';
import { StartAudioButton } from '../../../components/start-audio-button';
import { formatDuration, type CallView } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import type { CallConnection } from '../../../lib/livekit/use-call-room';
import { useNow } from '../../../lib/use-now';
import { CallControls } from './call-controls';
import { LocalPreview } from './local-preview';
import { RoundAction } from '../../../components/round-action';
import { ConnectionQualities } from '../../../components/connection-qualities';

interface InCallScreenProps {
  call: CallView;
  connection: CallConnection;
  camera: LocalVideoTrack | null;
  otherPresent: boolean;
  otherJoinedAt: number | null;
  ending: boolean;
  banner: ReactNode;
  onEnd(): void;
}

/** The call itself: the other person (video large, or their picture), me small, the controls. */
export function InCallScreen(props: InCallScreenProps) {
  const { call, connection, camera, ending, banner, onEnd } = props;
  const { t } = useI18n();
  const room = connection.status === 'connected' ? connection.room : null;
  const other = call.other;
  const body = (
    <main
      className={`call call--live call--${call.media}`}
      data-testid="call-page"
      data-status={call.status}
      data-role={call.role}
      data-media={connection.status}
    >
      <header className="call__top">
        <strong className="call__top-name">{other.displayName}</strong>
        <CallClock {...props} />
        {room && <ConnectionQualities />}
      </header>
      {banner}
      {room && call.media === 'video' ? (
        <VideoStage call={call} />
      ) : (
        <div className="call__stage">
          <Avatar name={other.displayName} pictureUrl={other.pictureUrl} size="large" />
        </div>
      )}
      <footer className="call__controls">
        {camera && (room ? <ConnectedSelfView camera={camera} /> : <SelfView camera={camera} />)}
        {room && <CallControls media={call.media} camera={camera} />}
        <RoundAction
          label={t('call.end')}
          tone="end"
          icon={<HangUpIcon size={30} />}
          onClick={onEnd}
          disabled={ending}
          testId="end-button"
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

/** How long we have been talking, or what we are waiting for. */
function CallClock({ call, connection, otherPresent, otherJoinedAt }: InCallScreenProps) {
  const { t } = useI18n();
  // The server's connectedAt once both joined (LiveKit webhooks); until it arrives, the moment
  // this screen saw the other party in the room.
  const since = call.connectedAt ? Date.parse(call.connectedAt) : otherJoinedAt;
  const now = useNow(since !== null);
  let text: string;
  if (since !== null) text = formatDuration((now - since) / 1000);
  else if (connection.status === 'connecting') text = t('call.connecting');
  else if (connection.status === 'connected' && !otherPresent)
    text = t('call.waiting', { name: call.other.displayName });
  else text = t('calls.outcome.inCall');
  return (
    <span className="call__clock" role="timer" data-testid="call-clock">
      {text}
    </span>
  );
}

/** The other person's screen share or camera fills the screen, behind everything else. */
function VideoStage({ call }: { call: CallView }) {
  const remote = useTracks(
    [
      { source: Track.Source.ScreenShare, withPlaceholder: false },
      { source: Track.Source.Camera, withPlaceholder: false },
    ],
    { onlySubscribed: true },
  )
    .filter(isTrackReference)
    .filter((ref) => !ref.participant.isLocal && !ref.publication.isMuted);
  const main =
    remote.find((ref) => ref.source === Track.Source.ScreenShare) ??
    remote.find((ref) => ref.source === Track.Source.Camera);
  if (!main) {
    return (
      <div className="call__stage">
        <Avatar name={call.other.displayName} pictureUrl={call.other.pictureUrl} size="large" />
      </div>
    );
  }
  const screen = main.source === Track.Source.ScreenShare;
  return (
    <div className="call__stage call__stage--video">
      <VideoTrack
        trackRef={main}
        className={`call__remote${screen ? ' call__remote--screen' : ''}`}
      />
    </div>
  );
}

/** Me, small, just above the controls. */
function SelfView({ camera }: { camera: LocalVideoTrack }) {
  return <LocalPreview track={camera} className="call__self" />;
}

/** Connected, the camera button can turn me off: then there is nothing to show. */
function ConnectedSelfView({ camera }: { camera: LocalVideoTrack }) {
  const { isCameraEnabled } = useLocalParticipant();
  return isCameraEnabled ? <SelfView camera={camera} /> : null;
}
