/**
 * LiveKit room events → call state. Only `call-<id>` rooms concern 1:1 calls; anything else is
 * acknowledged. Each event is recorded once by its LiveKit id, so a redelivery changes nothing,
 * and the lifecycle refuses what a late event would undo (e.g. a join after the call ended).
 * Hidden participants (the callee's ring listener) are not parties in the room.
 */
import { findCall } from '../db/calls';
import type { WebhookEvent } from '../livekit/webhooks';
import { parseRoomName } from '../rooms/room-name';
import { applyToCall } from './act-on-call';
import type { CallEvent, Party } from './call-lifecycle';

export type RoomEventOutcome = { handled: boolean; note?: string; status?: string };

export async function applyRoomEvent(event: WebhookEvent): Promise<RoomEventOutcome> {
  const parsed = event.room?.name ? parseRoomName(event.room.name) : undefined;
  if (!parsed?.ok || parsed.ref.kind !== 'call') return { handled: false, note: 'not a call room' };
  const call = await findCall(parsed.ref.callId);
  if (!call) return { handled: false, note: 'unknown call' };

  const identity = event.participant?.identity;
  const party: Party | undefined =
    identity === call.callerId ? 'caller' : identity === call.calleeId ? 'callee' : undefined;
  const hidden = event.participant?.permission?.hidden === true;

  let callEvent: CallEvent | undefined;
  switch (event.event) {
    case 'participant_joined':
      if (party && !hidden) callEvent = { type: 'joined', party };
      break;
    case 'participant_left':
      if (party && !hidden) callEvent = leftEvent(call.status, party);
      break;
    case 'room_finished':
      callEvent = leftEvent(call.status, 'caller');
      break;
  }
  if (!callEvent) return { handled: false, note: `ignored ${event.event}` };
  const updated = await applyToCall(call.id, callEvent, {
    source: 'livekit',
    eventId: event.id,
    data: { livekitEvent: event.event, identity, createdAt: Number(event.createdAt) },
  });
  return { handled: true, status: updated.status };
}

/** The caller leaving a ringing call cancels it; anyone leaving a call in progress ends it. */
function leftEvent(status: string, party: Party): CallEvent | undefined {
  if (status === 'initiated' || status === 'ringing') {
    return party === 'caller' ? { type: 'cancel' } : undefined;
  }
  return { type: 'end', reason: `${party} left` };
}
