/**
 * LiveKit events of a `call-<id>` room → call state, in one statement: the database works out
 * which party the participant is from the call row it locks. Each event is recorded once by its
 * LiveKit id, so a redelivery changes nothing, and the lifecycle refuses what a late event would
 * undo (a join after the call ended, a leave older than the party's re-join). Hidden participants
 * (the callee's ring listener) are nobody in the room.
 */
import type { WebhookEvent } from '../livekit/webhooks';
import type { RoomEventOutcome } from '../webhooks/handle-livekit-event';
import { applyToCall } from './act-on-call';
import type { CallEvent } from './call-lifecycle';

const EVENTS: Record<string, CallEvent> = {
  participant_joined: { type: 'joined' },
  participant_left: { type: 'left' },
  room_finished: { type: 'room-closed' },
};

export async function applyCallRoomEvent(
  callId: string,
  event: WebhookEvent,
): Promise<RoomEventOutcome> {
  const callEvent = EVENTS[event.event];
  if (!callEvent) return { handled: false, note: `ignored ${event.event}` };
  const participant = event.participant;
  const identity = participant && !participant.permission?.hidden ? participant.identity : null;
  const call = await applyToCall(
    callId,
    callEvent,
    { source: 'livekit', eventId: event.id, data: { identity: participant?.identity } },
    { identity, at: new Date(Number(event.createdAt) * 1000) },
  );
  return call ? { handled: true, status: call.status } : { handled: false, note: 'unknown call' };
}
