/** POST /api/webhooks/livekit — signed room/participant events that drive call state. */
import { respond } from '../_lib/http.js';
import { receiveLivekitWebhook } from '../_lib/livekit/webhooks.js';
import { handleLivekitEvent } from '../_lib/webhooks/handle-livekit-event.js';

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const event = await receiveLivekitWebhook(request);
    return Response.json({ ok: true, ...(await handleLivekitEvent(event)) });
  });
}
