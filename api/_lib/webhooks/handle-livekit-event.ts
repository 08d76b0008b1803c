/**
 * A verified LiveKit webhook, routed by what its room is for: 1:1 calls and agent calls change
 * state; conference rooms and unknown rooms are acknowledged and logged.
 */
import { applyAgentRoomEvent } from '../agent-calls/apply-agent-room-event.js';
import { applyCallRoomEvent } from '../calls/apply-call-room-event.js';
import type { WebhookEvent } from '../livekit/webhooks.js';
import { parseRoomName } from '../rooms/room-name.js';

export type RoomEventOutcome = { handled: boolean; note?: string; status?: string };

export async function handleLivekitEvent(event: WebhookEvent): Promise<RoomEventOutcome> {
  const parsed = event.room?.name ? parseRoomName(event.room.name) : undefined;
  const outcome = !parsed?.ok
    ? { handled: false, note: 'unknown room' }
    : parsed.ref.kind === 'call'
      ? await applyCallRoomEvent(parsed.ref.callId, event)
      : parsed.ref.kind === 'agent-call'
        ? await applyAgentRoomEvent(parsed.ref.sid, event)
        : { handled: false, note: 'conference room' };
  if (!outcome.handled) {
    console.log(
      JSON.stringify({
        level: 'info',
        livekitEvent: event.event,
        id: event.id,
        room: event.room?.name,
        note: outcome.note,
      }),
    );
  }
  return outcome;
}
