/** LiveKit webhooks, verified with the SDK's WebhookReceiver on the raw body before anything else. */
import type { WebhookEvent } from 'livekit-server-sdk';
import { getConfig } from '../config.js';
import { badRequest, unauthorized } from '../errors.js';
import { hasUnstorableText, readBody } from '../http.js';

export type { WebhookEvent };

export async function receiveLivekitWebhook(request: Request): Promise<WebhookEvent> {
  const body = await readBody(request, 64 * 1024);
  const { WebhookReceiver } = await import('livekit-server-sdk');
  const { livekit } = getConfig();
  const receiver = new WebhookReceiver(livekit.apiKey, livekit.apiSecret);
  let event: WebhookEvent;
  try {
    // LiveKit signs with Authorization: <JWT> whose sha256 claim is the body's hash.
    event = await receiver.receive(body, request.headers.get('authorization') ?? undefined);
  } catch (error) {
    throw unauthorized(
      'invalid_signature',
      'The LiveKit webhook signature does not verify.',
      error,
    );
  }
  const stored = [event.id, event.event, event.room?.name, event.participant?.identity];
  if (hasUnstorableText(stored)) {
    throw badRequest('invalid_text', 'The event contains characters that cannot be stored.');
  }
  // The event time becomes a timestamp the database compares: one it cannot hold is refused here
  // rather than failing the statement.
  const createdAt = Number(event.createdAt ?? 0);
  if (!(createdAt >= 0 && createdAt <= LATEST_EVENT_SECONDS)) {
    throw badRequest('invalid_event', 'The event time is out of range.');
  }
  return event;
}

/** 9999-12-31T23:59:59Z, the last second a JavaScript Date and a Postgres timestamptz share. */
const LATEST_EVENT_SECONDS = 253_402_300_799;
