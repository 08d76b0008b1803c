/** The LiveKit server API calls the flows make, through the official SDK. */
import { getConfig } from '../config.js';

/**
 * Closes a room: everyone in it is disconnected (reason ROOM_DELETED) and their screens load the
 * call's final state. That is the live channel for "declined", "canceled" and "missed". A room
 * that does not exist (nobody joined yet) is already closed.
 */
export async function closeRoom(room: string): Promise<void> {
  const { RoomServiceClient } = await import('livekit-server-sdk');
  const { livekit } = getConfig();
  const client = new RoomServiceClient(livekit.apiUrl, livekit.apiKey, livekit.apiSecret);
  try {
    await client.deleteRoom(room);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return;
    throw error;
  }
}
