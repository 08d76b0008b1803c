/** POST /api/webhooks/line — LINE postbacks (Decline) and follow/unfollow, signed by LINE. */
import { respond } from '../_lib/http.js';
import { receiveLineWebhook } from '../_lib/line/webhook.js';
import { handleLineEvents } from '../_lib/webhooks/handle-line-events.js';

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const events = await receiveLineWebhook(request);
    return Response.json({ ok: true, ...(await handleLineEvents(events)) });
  });
}
