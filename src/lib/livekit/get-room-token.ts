import { apiPost, type RequestOptions } from '../api-client';

/** POST /api/token: a short-lived LiveKit join token for a room this user may join. */
export interface RoomToken {
  token: string;
  /** The LiveKit WebSocket URL, e.g. ws://localhost:7880 in dev. */
  url: string;
  room: string;
  identity: string;
  name: string;
  expiresAt: string;
}

export function getRoomToken(room: string, options?: RequestOptions): Promise<RoomToken> {
  return apiPost<RoomToken>('/api/token', { room }, options);
}
