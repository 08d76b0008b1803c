/**
 * LINE webhooks: `x-line-signature` (HMAC-SHA256 of the raw body with the channel secret, checked
 * by the official SDK) before anything else, then only the fields the app uses, parsed with zod.
 */
import * as z from 'zod/mini';
import { getConfig } from '../config.js';
import { AppError, badRequest, unauthorized } from '../errors.js';
import { parseJson, readBody } from '../http.js';
import { LINE_USER_ID } from '../domain/ids.js';

const Source = z.object({
  type: z.string(),
  userId: z.optional(z.string().check(z.regex(LINE_USER_ID))),
});
const Common = {
  webhookEventId: z.string().check(z.minLength(1)),
  timestamp: z.number(),
  source: Source,
};

/** The events the app uses; any other event fails this parse and is acknowledged unused. */
export const LineEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('postback'), ...Common, postback: z.object({ data: z.string() }) }),
  z.object({ type: z.literal('follow'), ...Common }),
  z.object({ type: z.literal('unfollow'), ...Common }),
]);
export type LineEvent = z.output<typeof LineEvent>;

const Body = z.object({ destination: z.optional(z.string()), events: z.array(z.unknown()) });

export async function receiveLineWebhook(request: Request): Promise<unknown[]> {
  const signature = request.headers.get('x-line-signature');
  const body = await readBody(request, 256 * 1024);
  const { messaging } = getConfig().line;
  if (!messaging) {
    throw new AppError('misconfigured', 503, 'Set LINE_CHANNEL_SECRET to receive LINE webhooks.');
  }
  const { validateSignature } = await import('@line/bot-sdk');
  if (!signature || !validateSignature(body, messaging.channelSecret, signature)) {
    throw unauthorized('invalid_signature', 'The x-line-signature does not verify.');
  }
  const result = Body.safeParse(parseJson(body));
  if (!result.success) throw badRequest('invalid_request', 'Not a LINE webhook body.');
  return result.data.events;
}
