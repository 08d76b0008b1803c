import {
  isTrackReference,
  useLocalParticipant,
  useTracks,
  VideoTrack,
} from '@livekit/components-react';
import { Track, type LocalVideoTrack } from 'livekit-client';
import type { ReactNode } from 'react';
import { Avatar } from '../../../components/avatar';
import { InCallLayout } from '../../../components/in-call-layout';
import { formatDuration, type CallView } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import { connectedRoom, type CallConnection } from '../../../lib/livekit/use-call-room';
import { useNow } from '../../../lib/use-now';
import { CallControls } from './call-controls';
import { callPageMarks } from './call-page-marks';
import { LocalPreview } from './local-preview';

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
  const room = connectedRoom(connection);
  const other = call.other;
  return (
    <InCallLayout
      marks={callPageMarks(call, connection)}
      connection={connection}
      media={call.media}
      name={other.displayName}
      state={<CallClock {...props} />}
      banner={banner}
      stage={
        room && call.media === 'video' ? (
          <VideoStage call={call} />
        ) : (
          <div className="call__stage">
            <Avatar name={other.displayName} pictureUrl={other.pictureUrl} size="large" />
          </div>
        )
      }
      controls={
        <>
          {camera && (room ? <ConnectedSelfView camera={camera} /> : <SelfView camera={camera} />)}
          {room && <CallControls media={call.media} camera={camera} />}
        </>
      }
      end={{ testId: 'end-button', onClick: onEnd, disabled: ending }}
    />
  );
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
