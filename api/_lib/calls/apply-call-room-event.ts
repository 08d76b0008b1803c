/**
 * LiveKit events of a `call-<id>` room → call state, in one statement: the database works out
 * which party the participant is from the call row it locks. Each event is recorded once by its
 * LiveKit id, so a redelivery changes nothing, and the lifecycle refuses what a late event would
 * undo (a join after the call ended, a leave older than the party's re-join). Hidden participants
 * (the callee's ring listener) are nobody in the room.
 */
import type { WebhookEvent } from '../livekit/webhooks.js';
import type { RoomEventOutcome } from '../webhooks/handle-livekit-event.js';
import { applyToCall } from './apply-to-call.js';
import type { CallEvent } from '../domain/call-lifecycle.js';

/**
 * LiveKit's DisconnectReason values that mean the connection was lost rather than ended: the
 * participant did not come back within the room's departure time (30 s for call rooms). The SDK
 * does not export the enum; the numbers are livekit_models.proto's.
 */
const CONNECTION_LOST = new Set([
  6, // STATE_MISMATCH
  7, // JOIN_FAILURE
  9, // SIGNAL_CLOSE
  14, // CONNECTION_TIMEOUT
  15, // MEDIA_FAILURE
]);

function callEventOf(event: WebhookEvent): CallEvent | undefined {
  switch (event.event) {
    case 'participant_joined':
      return { type: 'joined' };
    case 'participant_left': {
      const reason = Number(event.participant?.disconnectReason ?? 0);
      return { type: 'left', ...(CONNECTION_LOST.has(reason) ? { connectionLost: true } : {}) };
    }
    case 'room_finished':
      return { type: 'room-closed' };
  }
}

export async function applyCallRoomEvent(
  callId: string,
  event: WebhookEvent,
): Promise<RoomEventOutcome> {
  const callEvent = callEventOf(event);
  if (!callEvent) return { handled: false, note: `ignored ${event.event}` };
  const participant = event.participant;
  const identity = participant && !participant.permission?.hidden ? participant.identity : null;
  const call = await applyToCall({
    id: callId,
    event: callEvent,
    origin: { source: 'livekit', eventId: event.id, data: { identity: participant?.identity } },
    participant: { identity, at: new Date(Number(event.createdAt) * 1000) },
  });
  return call ? { handled: true, status: call.status } : { handled: false, note: 'unknown call' };
}
