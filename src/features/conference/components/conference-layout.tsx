import {
  CarouselLayout,
  FocusLayout,
  FocusLayoutContainer,
  GridLayout,
  LayoutContextProvider,
  ParticipantTile,
  useCreateLayoutContext,
  usePinnedTracks,
  useTracks,
  isTrackReference,
} from '@livekit/components-react';
import type { TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { RoomEvent, Track } from 'livekit-client';

/**
 * Adaptive grid of camera tiles (the tiles show who is speaking). A tile the user pinned, or
 * else a screen share, takes the stage with the others in a strip, as in LiveKit Meet.
 */
export function ConferenceLayout() {
  const layoutContext = useCreateLayoutContext();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { updateOnlyOn: [RoomEvent.ActiveSpeakersChanged], onlySubscribed: false },
  );
  const pinned = usePinnedTracks(layoutContext)[0];
  const screenShare = tracks.find(
    (ref) => isTrackReference(ref) && ref.source === Track.Source.ScreenShare,
  );
  const focus = pinned ?? screenShare;

  return (
    <LayoutContextProvider value={layoutContext}>
      <div className="stage">
        {focus ? (
          <FocusLayoutContainer className="stage__focus">
            <CarouselLayout tracks={tracks.filter((ref) => !sameTile(ref, focus))}>
              <ParticipantTile />
            </CarouselLayout>
            <FocusLayout trackRef={focus} />
          </FocusLayoutContainer>
        ) : (
          <GridLayout tracks={tracks}>
            <ParticipantTile />
          </GridLayout>
        )}
      </div>
    </LayoutContextProvider>
  );
}

function sameTile(a: TrackReferenceOrPlaceholder, b: TrackReferenceOrPlaceholder): boolean {
  return a.participant.identity === b.participant.identity && a.source === b.source;
}
