/**
 * LiveKit webhooks, verified on the raw body before anything else: the `Authorization` JWT (HS256
 * with the API secret, issued by the API key, `exp` required; webhook-token.ts, which checks what
 * the SDK's TokenVerifier checks), then its `sha256` claim against the body's hash. This is what
 * the SDK's WebhookReceiver does, with its per-event costs taken out: the SDK is imported once per
 * instance, not on every event; the body is hashed by node:crypto rather than WebCrypto's
 * `subtle.digest`, whose hand-off to the thread pool cost more than the hash itself; and the JWT
 * is checked with a key imported once (bench: profile under load, README.md#performance). The
 * event is still read by the SDK's `WebhookEvent.fromJson`.
 */
import { createHash } from 'node:crypto';
import type * as LivekitSdk from 'livekit-server-sdk';
import type { WebhookEvent } from 'livekit-server-sdk';
import { getConfig } from '../config.js';
import { badRequest, unauthorized } from '../errors.js';
import { hasUnstorableText, readBody } from '../http.js';
import { verifyWebhookToken } from './webhook-token.js';

export type { WebhookEvent };

let sdk: Promise<typeof LivekitSdk> | undefined;

export async function receiveLivekitWebhook(request: Request): Promise<WebhookEvent> {
  const body = await readBody(request, 64 * 1024);
  // Loaded on the first webhook, not at import: a function that never receives one never loads it.
  const { WebhookEvent } = await (sdk ??= import('livekit-server-sdk'));
  const { apiKey, apiSecret } = getConfig().livekit;
  let event: WebhookEvent;
  try {
    // LiveKit signs with Authorization: <JWT> whose sha256 claim is the body's hash.
    const claims = verifyWebhookToken(
      request.headers.get('authorization') ?? '',
      apiKey,
      apiSecret,
    );
    if (!sameHash(claims.sha256, body)) throw new Error('sha256 checksum of body does not match');
    event = WebhookEvent.fromJson(JSON.parse(body), { ignoreUnknownFields: true });
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

/**
 * The claim is the body's SHA-256 in base64, as the SDK compares it. A plain comparison: the
 * claim sits inside the signed token and the body is the sender's own, so neither is a secret.
 */
function sameHash(claim: unknown, body: string): boolean {
  return claim === createHash('sha256').update(body).digest('base64');
}

/** 9999-12-31T23:59:59Z, the last second a JavaScript Date and a Postgres timestamptz share. */
const LATEST_EVENT_SECONDS = 253_402_300_799;
