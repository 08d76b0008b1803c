/**
 * LiveKit events of a `call-<id>` room → call state. Each event is recorded once by its LiveKit id, so a redelivery changes nothing,
 * and the lifecycle refuses what a late event would undo (a join after the call ended, a leave
 * older than the party's re-join). Hidden participants (the callee's ring listener) are not
 * parties in the room.
 */
import { findCall } from '../db/calls';
import type { WebhookEvent } from '../livekit/webhooks';
import type { RoomEventOutcome } from '../webhooks/handle-livekit-event';
import { applyToCall } from './act-on-call';
import type { CallEvent, Party } from './call-lifecycle';

export async function applyCallRoomEvent(
  callId: string,
  event: WebhookEvent,
): Promise<RoomEventOutcome> {
  const call = await findCall(callId);
  if (!call) return { handled: false, note: 'unknown call' };

  const identity = event.participant?.identity;
  const party: Party | undefined =
    identity === call.callerId ? 'caller' : identity === call.calleeId ? 'callee' : undefined;
  const hidden = event.participant?.permission?.hidden === true;

  const at = Number(event.createdAt) * 1000;
  let callEvent: CallEvent | undefined;
  if (event.event === 'room_finished') callEvent = { type: 'room-closed' };
  else if (party && !hidden && event.event === 'participant_joined') {
    callEvent = { type: 'joined', party, at };
  } else if (party && !hidden && event.event === 'participant_left') {
    callEvent = { type: 'left', party, at };
  }
  if (!callEvent) return { handled: false, note: `ignored ${event.event}` };
  const updated = await applyToCall(call.id, callEvent, {
    source: 'livekit',
    eventId: event.id,
    data: { livekitEvent: event.event, identity, createdAt: Number(event.createdAt) },
  });
  return { handled: true, status: updated.status };
}
