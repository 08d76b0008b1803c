/**
 * Webhooks from the LINE stand-in to the app, as the LINE platform sends them: `POST
 * <app>/api/webhooks/line` with `{ destination, events }` and `x-line-signature` =
 * base64(HMAC-SHA256(channel secret, raw body)). Events get the fields LINE always sets
 * (webhookEventId, timestamp, mode, deliveryContext, a replyToken where LINE gives one) unless
 * the caller sets them. Unlike LINE, a failed delivery is not redelivered.
 */
import type { webhook } from '@line/bot-sdk';
import { createHmac, randomBytes } from 'node:crypto';

const LINE_WEBHOOK_PATH = '/api/webhooks/line';

/** An event as tests write it: at least `type` (and usually `source`); the rest is filled in. */
export type WebhookEventInput = { type: string } & Record<string, unknown>;

const NO_REPLY_TOKEN = new Set(['unfollow', 'leave', 'memberLeft', 'unsend', 'botSuspended']);
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function signLineWebhook(channelSecret: string, rawBody: string): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}

export function createLineWebhook(options: {
  channelSecret: string;
  botUserId: string;
  appOrigin: string | undefined;
}) {
  async function deliverWebhook(events: WebhookEventInput[]): Promise<Response> {
    if (!options.appOrigin) {
      throw new Error('The LINE stand-in has no appOrigin, so it cannot deliver webhooks.');
    }
    const body: webhook.CallbackRequest = {
      destination: options.botUserId,
      events: events.map(withLineDefaults) as webhook.Event[],
    };
    const raw = JSON.stringify(body);
    return fetch(`${options.appOrigin}${LINE_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'LineBotWebhook/2.0',
        'x-line-signature': signLineWebhook(options.channelSecret, raw),
      },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
  }

  return {
    deliverWebhook,
    /** What LINE sends when the user taps a postback button. */
    postback: (userId: string, data: string, params?: Record<string, string>) =>
      deliverWebhook([
        {
          type: 'postback',
          postback: { data, ...(params ? { params } : {}) },
          source: { type: 'user', userId },
        },
      ]),
  };
}

function withLineDefaults(event: WebhookEventInput): WebhookEventInput {
  const message = event.message as Record<string, unknown> | undefined;
  return {
    ...(NO_REPLY_TOKEN.has(event.type) ? {} : { replyToken: randomBytes(16).toString('hex') }),
    webhookEventId: ulid(),
    deliveryContext: { isRedelivery: false },
    timestamp: Date.now(),
    mode: 'active',
    ...(event.type === 'follow' ? { follow: { isUnblocked: false } } : {}),
    ...event,
    ...(message && !message.id ? { message: { id: String(Date.now()), ...message } } : {}),
  };
}

/** LINE's webhookEventId is a ULID: 10 characters of time, 16 of randomness. */
function ulid(): string {
  let time = Date.now();
  let id = '';
  for (let i = 0; i < 10; i++, time = Math.floor(time / 32)) id = CROCKFORD[time % 32] + id;
  for (const byte of randomBytes(16)) id += CROCKFORD[byte % 32];
  return id;
}
