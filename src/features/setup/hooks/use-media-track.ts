// One camera or microphone track for the Setup preview, with plain navigator.mediaDevices:
// livekit-client stays out of this route. Camera and mic are separate tracks so turning one off
// leaves the other (and the mic meter) running.
//
//   off ──enable──► starting ──ok──► live ──disable / other device──► off | starting
//                       └──error──► failed(reason) ──retry──► starting
import { useEffect, useState } from 'react';

export type MediaFailure = 'unsupported' | 'denied' | 'not-found' | 'other';

export type TrackState =
  | { status: 'off' }
  | { status: 'starting' }
  | { status: 'live'; track: MediaStreamTrack }
  | { status: 'failed'; reason: MediaFailure };

type Settled = Extract<TrackState, { status: 'live' | 'failed' }>;

/** The device a live track is on. */
export function deviceIdOf(state: TrackState): string | undefined {
  return state.status === 'live' ? state.track.getSettings().deviceId : undefined;
}

function canCaptureMedia(): boolean {
  return typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** `attempt` is bumped by "Try again" to ask once more with the same settings. */
export function useMediaTrack(
  kind: 'video' | 'audio',
  enabled: boolean,
  deviceId: string | undefined,
  attempt: number,
): TrackState {
  const request = `${deviceId ?? ''}#${attempt}`;
  const [settled, setSettled] = useState<{ request: string; state: Settled } | null>(null);
  const supported = canCaptureMedia();

  useEffect(() => {
    if (!enabled || !supported) return;
    let track: MediaStreamTrack | undefined;
    let cancelled = false;
    const device = deviceId ? { deviceId: { ideal: deviceId } } : {};
    const constraints: MediaStreamConstraints =
      kind === 'video'
        ? { video: { ...device, facingMode: 'user', width: { ideal: 1280 } } }
        : { audio: { ...device, echoCancellation: true, noiseSuppression: true } };
    navigator.mediaDevices.getUserMedia(constraints).then(
      (stream) => {
        track = stream.getTracks()[0];
        if (cancelled) track?.stop();
        else
          setSettled({
            request,
            state: track ? { status: 'live', track } : { status: 'failed', reason: 'other' },
          });
      },
      (error: unknown) => {
        if (!cancelled)
          setSettled({ request, state: { status: 'failed', reason: failureOf(error) } });
      },
    );
    return () => {
      cancelled = true;
      track?.stop();
      setSettled(null);
    };
  }, [kind, enabled, supported, deviceId, request]);

  if (!enabled) return { status: 'off' };
  if (!supported) return { status: 'failed', reason: 'unsupported' };
  return settled?.request === request ? settled.state : { status: 'starting' };
}

function failureOf(error: unknown): MediaFailure {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not-found';
  if (name === 'NotSupportedError' || name === 'TypeError') return 'unsupported';
  return 'other';
}
