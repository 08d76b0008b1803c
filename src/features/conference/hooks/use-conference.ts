// Joining a conference room: token from our API, then the LiveKit connection, then camera/mic
// as chosen on Setup.
//
//   token ──ok──► connecting ──ok──► connected ──room lost──► disconnected
//     │               ├── no answer in time (connect-room.ts) / unreachable ──► unreachable
//     └── ApiError ──►└── LiveKit refused the token ──────────────────────► failed
//   retry() from any end state ──► token
//
// One Room per attempt. Its disconnect is awaited before the next connect, so StrictMode's
// double effect and quick retries never overlap two joins under the same identity.
import { RoomEvent, type Room } from 'livekit-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { connectRoom, createRoom } from '../../../lib/livekit/connect-room';
import { getRoomToken } from '../../../lib/livekit/get-room-token';
import type { MediaChoices } from '../../../lib/media-choices';

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
    const room = createRoom();
    const settle = (next: ConferenceState) => {
      if (!abort.signal.aborted) setState(next);
    };
    const onDisconnected = () => settle({ status: 'disconnected' });

    (async () => {
      const details = await getRoomToken(roomName, { signal: abort.signal });
      await previousDisconnect.current;
      if (abort.signal.aborted) return;
      settle({ status: 'connecting', url: details.url });
      if ((await connectRoom(room, details)) === 'unreachable') {
        settle({ status: 'unreachable', url: details.url });
        return;
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
