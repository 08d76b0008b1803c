// Joining a conference room: token from our API, then the LiveKit connection, then camera/mic
// as chosen on Setup.
//
//   token ──ok──► connecting ──ok──► connected ──room lost──► disconnected
//     │               ├── no answer in CONNECT_TIMEOUT_MS / unreachable ──► unreachable
//     └── ApiError ──►└── LiveKit refused the token ──────────────────────► failed
//   retry() from any end state ──► token
//
// One Room per attempt. Its disconnect is awaited before the next connect, so StrictMode's
// double effect and quick retries never overlap two joins under the same identity.
import { ConnectionError, ConnectionErrorReason, Room, RoomEvent } from 'livekit-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaChoices } from '../../../lib/media-choices';
import { getRoomToken } from '../api/get-room-token';

/** A media server that has not answered by now is treated as unreachable: never spin forever. */
const CONNECT_TIMEOUT_MS = 8_000;

export type ConferenceState =
  | { status: 'token' }
  | { status: 'connecting'; url: string }
  | { status: 'connected'; room: Room; mediaFailed: boolean }
  | { status: 'unreachable'; url: string }
  | { status: 'disconnected' }
  | { status: 'failed'; error: unknown };

export function useConference(roomName: string, choices: MediaChoices) {
  const [state, setState] = useState<ConferenceState>({ status: 'token' });
  const [attempt, setAttempt] = useState(0);
  const previousDisconnect = useRef<Promise<void>>(Promise.resolve());
  const { video, audio, videoDeviceId, audioDeviceId } = choices;

  useEffect(() => {
    const abort = new AbortController();
    // webAudioMix off: iOS web views stop Web Audio output when backgrounded (client-sdk-js#1116).
    const room = new Room({ adaptiveStream: true, dynacast: true, webAudioMix: false });
    const settle = (next: ConferenceState) => {
      if (!abort.signal.aborted) setState(next);
    };
    const onDisconnected = () => settle({ status: 'disconnected' });

    (async () => {
      const details = await getRoomToken(roomName, abort.signal);
      await previousDisconnect.current;
      if (abort.signal.aborted) return;
      settle({ status: 'connecting', url: details.url });
      const timeout = setTimeout(() => void room.disconnect(), CONNECT_TIMEOUT_MS);
      try {
        await room.connect(details.url, details.token, {
          maxRetries: 0,
          websocketTimeout: CONNECT_TIMEOUT_MS,
          peerConnectionTimeout: CONNECT_TIMEOUT_MS,
        });
      } catch (error) {
        settle(
          isRefusal(error)
            ? { status: 'failed', error }
            : { status: 'unreachable', url: details.url },
        );
        return;
      } finally {
        clearTimeout(timeout);
      }
      room.on(RoomEvent.Disconnected, onDisconnected);
      settle({ status: 'connected', room, mediaFailed: false });
      const published = await Promise.allSettled([
        video && room.localParticipant.setCameraEnabled(true, { deviceId: videoDeviceId }),
        audio && room.localParticipant.setMicrophoneEnabled(true, { deviceId: audioDeviceId }),
      ]);
      if (published.some((result) => result.status === 'rejected')) {
        settle({ status: 'connected', room, mediaFailed: true });
      }
    })().catch((error: unknown) => settle({ status: 'failed', error }));

    return () => {
      abort.abort();
      room.off(RoomEvent.Disconnected, onDisconnected);
      previousDisconnect.current = room.disconnect();
    };
  }, [roomName, attempt, video, audio, videoDeviceId, audioDeviceId]);

  const retry = useCallback(() => {
    setState({ status: 'token' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry };
}

/** LiveKit answered and said no (bad or expired token), as opposed to not answering at all. */
function isRefusal(error: unknown): boolean {
  return error instanceof ConnectionError && error.reason === ConnectionErrorReason.NotAllowed;
}
