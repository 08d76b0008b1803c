/** The LiveKit server API calls the flows make, through the official SDK. */
import { getConfig } from '../config.js';

/**
 * Closes a room: everyone in it is disconnected (reason ROOM_DELETED) and their screens load the
 * call's final state. That is the live channel for "declined", "canceled" and "missed". A room
 * that does not exist (nobody joined yet) is already closed.
 */
async function closeRoom(room: string): Promise<void> {
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

/**
 * Closes the room of a call that is over. A failure is logged, not thrown: the end is already
 * recorded, the open screens still read it on their next poll, and LiveKit closes an empty room.
 */
export async function closeRoomOfEndedCall(room: string): Promise<void> {
  await closeRoom(room).catch((error: unknown) =>
    console.warn(JSON.stringify({ level: 'warn', room, closeRoom: String(error) })),
  );
}
