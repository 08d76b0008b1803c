/**
 * Sending the agent out of a room when an operator takes the call over: its dispatches are
 * deleted (so LiveKit sends no agent again) and every participant of kind AGENT is removed. The
 * worker sees its room disconnect and stops; the session lives on, since only the callee leaving
 * or the room closing ends an agent call (agent-calls/apply-agent-room-event.ts). Running it
 * again finds nothing left to remove.
 */
import { getConfig } from '../config.js';
import { AppError } from '../errors.js';

/**
 * ParticipantInfo_Kind.AGENT of livekit/protocol, as a number: the SDK does not re-export the
 * enum, and is loaded on first use only, not at import.
 */
export const AGENT_KIND = 4;

const notFound = (error: unknown) => {
  const { status, code } = error as { status?: number; code?: string };
  return status === 404 || code === 'not_found';
};
/** A room or participant already gone is what removing it wanted. */
const unlessGone =
  <T>(gone: T) =>
  (error: unknown): T => {
    if (notFound(error)) return gone;
    throw error;
  };

export async function removeAgentsFromRoom(room: string): Promise<void> {
  const { AgentDispatchClient, RoomServiceClient } = await import('livekit-server-sdk');
  const { livekit } = getConfig();
  const dispatches = new AgentDispatchClient(livekit.apiUrl, livekit.apiKey, livekit.apiSecret);
  const rooms = new RoomServiceClient(livekit.apiUrl, livekit.apiKey, livekit.apiSecret);
  try {
    for (const dispatch of await dispatches.listDispatch(room).catch(unlessGone([]))) {
      await dispatches.deleteDispatch(dispatch.id, room).catch(unlessGone(undefined));
    }
    const participants = await rooms.listParticipants(room).catch(unlessGone([]));
    for (const agent of participants.filter((p) => p.kind === AGENT_KIND)) {
      await rooms.removeParticipant(room, agent.identity).catch(unlessGone(undefined));
    }
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new AppError(
      'livekit_error',
      503,
      `LiveKit could not send the agent out of the call${status ? ` (${status})` : ''}. Try again.`,
      { retryable: true, cause: error },
    );
  }
}
