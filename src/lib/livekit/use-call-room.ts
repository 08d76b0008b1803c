// A call's LiveKit room, 1:1 or agent. What to join follows from the call (each page picks the
// mode):
//   'listen'  a 1:1 callee while it rings: a hidden, listen-only token, nothing published. Sitting
//             in the room, the page learns at once when the caller cancels (the room is deleted).
//   'full'    the 1:1 caller from the start, the callee once accepted, the callee of an agent call
//             once answering: camera (video calls) and mic, or the mic alone (audio).
//   'none'    the call is over, or the answer is on its way.
// Camera and mic start alongside the join, so the caller sees their own picture while it rings
// even when the media server is slow or down.
//
//   connecting ──ok──► connected ⇄ reconnecting
//       │                  └── disconnected (room deleted, network gone) ──► lost, onRoomEvent('closed')
//       ├── no answer in time ──► unreachable          retry() or a new mode ──► connecting
//       └── token refused / API error ──► failed
//
// One Room per run (mode, attempt). Its disconnect is awaited before the next join, so the
// callee's listener has left before it comes back with the full token, and StrictMode's double
// effect never overlaps two joins under one identity.
import {
  createLocalTracks,
  LocalVideoTrack,
  RoomEvent,
  type LocalTrack,
  type Room,
} from 'livekit-client';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { ApiError } from '../api-client';
import type { CallMedia } from '../calls/call-view';
import { connectRoom, createRoom } from './connect-room';
import { getRoomToken } from './get-room-token';

export type ConnectionMode = 'none' | 'listen' | 'full';

export type CallConnection =
  | { status: 'off' }
  | { status: 'connecting' }
  | { status: 'connected'; room: Room; reconnecting: boolean }
  | { status: 'unreachable'; url: string }
  | { status: 'failed'; error: unknown }
  | { status: 'lost' };

export interface CallRoomState {
  connection: CallConnection;
  /** This device's camera, from the moment it starts (before, and without, the media server). */
  camera: LocalVideoTrack | null;
  /** The camera or mic could not start (or publish): the call goes on without it. */
  mediaFailed: boolean;
  otherPresent: boolean;
  /** When the other party was first seen in the room on this connection. */
  otherJoinedAt: number | null;
}

const CONNECTING: CallRoomState = {
  connection: { status: 'connecting' },
  camera: null,
  mediaFailed: false,
  otherPresent: false,
  otherJoinedAt: null,
};
const OFF: CallRoomState = { ...CONNECTING, connection: { status: 'off' } };

export function useCallRoom(
  roomName: string,
  mode: ConnectionMode,
  media: CallMedia,
  onRoomEvent: (event: 'closed' | 'people') => void,
) {
  const [attempt, setAttempt] = useState(0);
  const run = `${roomName}/${mode}/${media}/${attempt}`;
  const [current, setCurrent] = useState<{ run: string; state: CallRoomState } | null>(null);
  const previousDisconnect = useRef<Promise<void>>(Promise.resolve());
  const notify = useEffectEvent(onRoomEvent);

  useEffect(() => {
    if (mode === 'none') return;
    const abort = new AbortController();
    const room = createRoom();
    let tracks: LocalTrack[] = [];
    let otherJoinedAt: number | null = null;
    const update = (patch: Partial<CallRoomState>) => {
      if (abort.signal.aborted) return;
      setCurrent((previous) => ({
        run,
        state: { ...(previous?.run === run ? previous.state : CONNECTING), ...patch },
      }));
    };
    const readPeople = () => {
      // Hidden participants (a ringing callee's listener) are never listed to the others.
      const otherPresent = room.remoteParticipants.size > 0;
      if (otherPresent) otherJoinedAt ??= Date.now();
      update({ otherPresent, otherJoinedAt });
    };
    const onPeople = () => {
      readPeople();
      notify('people');
    };
    const onDisconnected = () => {
      update({ connection: { status: 'lost' }, otherPresent: false });
      notify('closed');
    };
    const onReconnecting = () =>
      update({ connection: { status: 'connected', room, reconnecting: true } });
    const onReconnected = () =>
      update({ connection: { status: 'connected', room, reconnecting: false } });

    const created =
      mode === 'full'
        ? startCallMedia(media).then((result) => {
            if (abort.signal.aborted) result.tracks.forEach((track) => track.stop());
            else {
              tracks = result.tracks;
              const camera = tracks.find((track) => track instanceof LocalVideoTrack) ?? null;
              update({ camera, mediaFailed: result.failed });
            }
            return result.tracks;
          })
        : Promise.resolve([]);

    (async () => {
      const details = await getRoomToken(roomName, { signal: abort.signal });
      await previousDisconnect.current;
      if (abort.signal.aborted) return;
      if ((await connectRoom(room, details)) === 'unreachable') {
        update({ connection: { status: 'unreachable', url: details.url } });
        return;
      }
      room
        .on(RoomEvent.Disconnected, onDisconnected)
        // A lost signal connection alone is resumed without a full reconnect: SignalReconnecting.
        .on(RoomEvent.SignalReconnecting, onReconnecting)
        .on(RoomEvent.Reconnecting, onReconnecting)
        .on(RoomEvent.Reconnected, onReconnected)
        .on(RoomEvent.ParticipantConnected, onPeople)
        .on(RoomEvent.ParticipantDisconnected, onPeople);
      readPeople();
      update({ connection: { status: 'connected', room, reconnecting: false } });
      const toPublish = await created;
      if (abort.signal.aborted) return;
      const published = await Promise.allSettled(
        toPublish.map((track) => room.localParticipant.publishTrack(track)),
      );
      if (published.some((result) => result.status === 'rejected')) update({ mediaFailed: true });
    })().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      update({ connection: { status: 'failed', error } });
      // No token for a call that has just ended: read the call again to show how it ended.
      if (error instanceof ApiError && error.status === 403) notify('closed');
    });

    return () => {
      abort.abort();
      room
        .off(RoomEvent.Disconnected, onDisconnected)
        .off(RoomEvent.SignalReconnecting, onReconnecting)
        .off(RoomEvent.Reconnecting, onReconnecting)
        .off(RoomEvent.Reconnected, onReconnected)
        .off(RoomEvent.ParticipantConnected, onPeople)
        .off(RoomEvent.ParticipantDisconnected, onPeople);
      tracks.forEach((track) => track.stop());
      previousDisconnect.current = room.disconnect();
    };
  }, [run, roomName, mode, media]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state = mode === 'none' ? OFF : current?.run === run ? current.state : CONNECTING;
  return { ...state, retry };
}

/** The room, once joined. */
export function connectedRoom(connection: CallConnection): Room | null {
  return connection.status === 'connected' ? connection.room : null;
}

/** Mic, and the front camera for a video call; without a camera, the mic alone. */
async function startCallMedia(
  media: CallMedia,
): Promise<{ tracks: LocalTrack[]; failed: boolean }> {
  const audio = { echoCancellation: true, noiseSuppression: true };
  const video = media === 'video' ? { facingMode: 'user' as const } : false;
  try {
    return { tracks: await createLocalTracks({ audio, video }), failed: false };
  } catch {
    const tracks = video ? await createLocalTracks({ audio }).catch(() => []) : [];
    return { tracks, failed: true };
  }
}
