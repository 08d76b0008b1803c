// LiveKit's grade of each participant's connection (excellent / good / poor / lost), me first.
// Needs a RoomContext, so only the lazy media routes import this.
import {
  ConnectionQualityIndicator,
  useLocalParticipant,
  useRemoteParticipants,
} from '@livekit/components-react';

export function ConnectionQualities() {
  const { localParticipant } = useLocalParticipant();
  const remote = useRemoteParticipants();
  return (
    <div className="connection-qualities" data-testid="connection-qualities">
      {[localParticipant, ...remote].map((participant) => (
        <span
          key={participant.identity}
          title={participant.name || participant.identity}
          data-identity={participant.identity}
        >
          <ConnectionQualityIndicator participant={participant} />
        </span>
      ))}
    </div>
  );
}
