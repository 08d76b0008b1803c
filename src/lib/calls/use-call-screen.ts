// What every call screen does while it shows a call, whatever its kind: be in the call's room as
// its page state asks (lib/livekit/use-call-room.ts), and read the call again whenever the server
// may know more: when the room says something happened, every few seconds while the room cannot
// say (lib/use-follow-server.ts), and once the ring deadline has passed.
import { useEffect } from 'react';
import { useCallRoom, type ConnectionMode } from '../livekit/use-call-room';
import { useFollowServer } from '../use-follow-server';
import type { CallMedia } from './call-view';

/** After the ring deadline, how long to give the server's time-out job before reading again. */
const DEADLINE_GRACE_MS = 2_000;

interface CallScreenOptions {
  /** The call's LiveKit room, and how to be in it now. */
  room: string;
  mode: ConnectionMode;
  media: CallMedia;
  /** The call can still change. */
  live: boolean;
  /** While it rings, when it stops unanswered; null otherwise. */
  ringDeadline: string | null;
  refresh(): Promise<void>;
}

export function useCallScreen(options: CallScreenOptions) {
  const { room, mode, media, live, ringDeadline, refresh } = options;
  const callRoom = useCallRoom(room, mode, media, () => void refresh());
  useFollowServer(live, callRoom.connection.status === 'connected', () => void refresh());

  // The server's 60 s time-out decides; once the countdown has run out, read the call once more
  // (without a media server there is no room to tell us).
  useEffect(() => {
    if (ringDeadline === null) return;
    const wait = Math.max(0, Date.parse(ringDeadline) - Date.now()) + DEADLINE_GRACE_MS;
    const timer = setTimeout(() => void refresh(), wait);
    return () => clearTimeout(timer);
  }, [ringDeadline, refresh]);

  return callRoom;
}
