import type { RoomToken } from '../../../api/_lib/contract';
import { apiPost, type RequestOptions } from '../api-client';

export type { RoomToken };

/** POST /api/token: a short-lived LiveKit join token for a room this user may join. */
export function getRoomToken(room: string, options?: RequestOptions): Promise<RoomToken> {
  return apiPost<RoomToken>('/api/token', { room }, options);
}
