/**
 * What the three senders of signed callbacks put on the wire, valid or deliberately not, for the
 * fault suite: LiveKit (`Authorization: <JWT>` with the body's `sha256`), LINE (`x-line-signature`,
 * HMAC-SHA256 of the raw body) and QStash (`Upstash-Signature`, a JWT over the URL and the body's
 * hash). Valid signatures come from the stand-ins' own signers; the claim-level forgeries that
 * those cannot make (expired, wrong issuer, wrong hash) are built here.
 */
import { SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { DEV_CHANNEL_SECRET } from '../../dev/line-stand-in';
import { signLineWebhook } from '../../dev/line-webhook';
import { signQStashDelivery } from '../../dev/qstash-protocol';
import { DEV_QSTASH_CURRENT_SIGNING_KEY } from '../../dev/qstash-stand-in';
import type { TestEnvironment } from './test-environment';

export type { JobName } from '../../api/_lib/jobs/registry';

export const jobUrl = (baseUrl: string, job: string) => `${baseUrl}/api/jobs/${job}`;

/** A valid Upstash-Signature for `body` delivered to `url` (the current signing key by default). */
export function qstashSignature(url: string, body: string, key = DEV_QSTASH_CURRENT_SIGNING_KEY) {
  return signQStashDelivery(key, url, body);
}

/** An Upstash-Signature signed with the right key whose claims are changed. */
export async function qstashSignatureWith(
  url: string,
  body: string,
  claims: { exp?: number; nbf?: number; iss?: string; bodyHash?: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ body: claims.bodyHash ?? sha256(body, 'base64url') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(claims.iss ?? 'Upstash')
    .setSubject(url)
    .setIssuedAt(now - 600)
    .setNotBefore(claims.nbf ?? now)
    .setExpirationTime(claims.exp ?? now + 300)
    .sign(new TextEncoder().encode(DEV_QSTASH_CURRENT_SIGNING_KEY));
}

/** `payload` delivered to `job` as QStash delivers it (JSON, validly signed), and the answer. */
export async function deliverJob(env: TestEnvironment, job: string, payload: object) {
  const body = JSON.stringify(payload);
  const response = await postJob(env, job, body, await qstashSignature(jobUrl(env.url, job), body));
  return { status: response.status, body: await response.json() };
}

export function postJob(env: TestEnvironment, job: string, body: string, signature?: string) {
  return fetch(jobUrl(env.url, job), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === undefined ? {} : { 'upstash-signature': signature }),
    },
    body,
  });
}

export const lineSignature = (body: string, secret = DEV_CHANNEL_SECRET) =>
  signLineWebhook(secret, body);

export function postLineWebhook(env: TestEnvironment, body: string, signature?: string) {
  return fetch(`${env.url}/api/webhooks/line`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature === undefined ? {} : { 'x-line-signature': signature }),
    },
    body,
  });
}

/** A LINE webhook body with one event, as LINE sends it. */
export function lineWebhookBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    destination: `U${'b0'.repeat(16)}`,
    events: [
      {
        webhookEventId: `01FAULT${Math.random().toString(36).slice(2, 14).toUpperCase()}`,
        timestamp: Date.now(),
        mode: 'active',
        deliveryContext: { isRedelivery: false },
        ...event,
      },
    ],
  });
}

/**
 * A LiveKit webhook Authorization for `body`, signed as LiveKit signs it; `ttl` in the past
 * makes it expired, another `secret` or `apiKey` makes it a forgery.
 */
export async function livekitAuthorization(
  body: string,
  options: { apiKey?: string; secret?: string; ttl?: string } = {},
): Promise<string> {
  const token = new AccessToken(
    options.apiKey ?? process.env.LIVEKIT_API_KEY,
    options.secret ?? process.env.LIVEKIT_API_SECRET,
    options.ttl ? { ttl: options.ttl } : {},
  );
  token.sha256 = sha256(body, 'base64');
  return token.toJwt();
}

export function postLivekitWebhook(env: TestEnvironment, body: string, authorization?: string) {
  return fetch(`${env.url}/api/webhooks/livekit`, {
    method: 'POST',
    headers: {
      'content-type': 'application/webhook+json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body,
  });
}

const TABLES = [
  'users',
  'calls',
  'call_events',
  'agent_call_sessions',
  'agent_call_events',
  'agent_call_retry_queue',
] as const;

/** Row counts of every table the callbacks write, to show that a refused one wrote nothing. */
export async function rowCounts(env: TestEnvironment): Promise<Record<string, number>> {
  const { rows } = await env.db.query(
    `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
  );
  return rows[0];
}

function sha256(text: string, encoding: 'base64' | 'base64url'): string {
  return createHash('sha256').update(text).digest(encoding);
}
