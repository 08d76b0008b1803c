/** POST /api/webhooks/livekit — signed room/participant events that drive call state. */
import { applyRoomEvent } from '../_lib/calls/apply-room-event';
import { respond } from '../_lib/http';
import { receiveLivekitWebhook } from '../_lib/livekit/webhooks';

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const event = await receiveLivekitWebhook(request);
    const outcome = await applyRoomEvent(event);
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
    return Response.json({ ok: true, ...outcome });
  });
}
