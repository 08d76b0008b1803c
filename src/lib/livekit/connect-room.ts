// Joining a LiveKit room the same way everywhere: one set of Room options, and a bounded connect
// that tells "the media server did not answer" apart from "it answered no".
// Only lazy chunks import this (it pulls in livekit-client).
import { ConnectionError, ConnectionErrorReason, Room } from 'livekit-client';
import type { RoomToken } from './get-room-token';

/** A media server that has not answered by now is treated as unreachable: never spin forever. */
const CONNECT_TIMEOUT_MS = 8_000;

export function createRoom(): Room {
  // webAudioMix off: iOS web views stop Web Audio output when backgrounded (client-sdk-js#1116).
  return new Room({ adaptiveStream: true, dynacast: true, webAudioMix: false });
}

/**
 * Resolves 'unreachable' when the server did not answer in time (or the attempt was cut short by
 * `room.disconnect()`); throws the ConnectionError when it refused the token.
 */
export async function connectRoom(
  room: Room,
  { url, token }: Pick<RoomToken, 'url' | 'token'>,
): Promise<'connected' | 'unreachable'> {
  const timeout = setTimeout(() => void room.disconnect(), CONNECT_TIMEOUT_MS);
  try {
    await room.connect(url, token, {
      maxRetries: 0,
      websocketTimeout: CONNECT_TIMEOUT_MS,
      peerConnectionTimeout: CONNECT_TIMEOUT_MS,
      // A media server on this machine needs no STUN, and the default would reach public ones.
      ...(isLocal(url) ? { rtcConfig: { iceServers: [] } } : {}),
    });
    return 'connected';
  } catch (error) {
    if (isRefusal(error)) throw error;
    return 'unreachable';
  } finally {
    clearTimeout(timeout);
  }
}

/** The media server runs on this machine (the dev server's own livekit-server). */
function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/** LiveKit answered and said no (bad or expired token), as opposed to not answering at all. */
function isRefusal(error: unknown): boolean {
  return error instanceof ConnectionError && error.reason === ConnectionErrorReason.NotAllowed;
}
