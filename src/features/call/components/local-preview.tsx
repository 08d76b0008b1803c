import { facingModeFromLocalTrack, TrackEvent, type LocalVideoTrack } from 'livekit-client';
import { useEffect, useRef, useState } from 'react';

/** This device's camera. The front camera is mirrored, as people expect of themselves. */
export function LocalPreview({ track, className }: { track: LocalVideoTrack; className: string }) {
  const video = useRef<HTMLVideoElement>(null);
  // Switching cameras restarts the track; render again to re-read which way it faces.
  const [, setRestarts] = useState(0);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    track.attach(element);
    const onRestarted = () => setRestarts((n) => n + 1);
    track.on(TrackEvent.Restarted, onRestarted);
    return () => {
      track.off(TrackEvent.Restarted, onRestarted);
      track.detach(element);
    };
  }, [track]);

  const mirrored = facingModeFromLocalTrack(track).facingMode !== 'environment';
  return (
    <video
      ref={video}
      className={`${className}${mirrored ? ' mirrored' : ''}`}
      autoPlay
      playsInline
      muted
      data-testid="self-view"
    />
  );
}
