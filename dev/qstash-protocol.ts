/**
 * The parts of QStash's protocol the stand-in follows, pure enough to test as tables: reading a
 * publish's Upstash-* headers, content-based deduplication, the retry backoff, and the
 * `Upstash-Signature` on each delivery, as `@upstash/qstash`'s Receiver.verify checks it: a JWT,
 * HS256 with the current signing key, `iss` "Upstash", `sub` the destination URL, `body`
 * base64url(SHA-256(raw body)), valid for five minutes. Its times are wall-clock times even when
 * the stand-in's clock has been advanced: the receiver checks `nbf`/`exp` against its own clock.
 */
import { SignJWT } from 'jose';
import { createHash, randomBytes } from 'node:crypto';

const SIGNATURE_TTL_SECONDS = 5 * 60;
const UNSUPPORTED = ['upstash-callback', 'upstash-failure-callback', 'upstash-retry-delay'];

/** A publish request's Upstash-* headers, as `Client.publish`/`publishJSON` send them. */
export interface PublishHeaders {
  /** Upstash-Method, POST unless set. */
  method: string;
  /** What the destination receives besides QStash's own headers: content-type and Upstash-Forward-*. */
  headers: Record<string, string>;
  delaySeconds: number;
  /** Upstash-Not-Before, unix seconds; wins over the delay. */
  notBefore: number | undefined;
  retries: number | undefined;
  timeoutSeconds: number | undefined;
  deduplicationId: string | undefined;
  contentBasedDeduplication: boolean;
}

/** Reads the headers of a publish; a string says what is wrong with them. */
export function readPublishHeaders(request: Headers): PublishHeaders | string {
  const header = (name: string) => request.get(name) ?? undefined;
  const unsupported = UNSUPPORTED.find((name) => request.has(name));
  if (unsupported) return `${unsupported} is not supported by the local QStash stand-in.`;
  const delay = header('upstash-delay');
  const delaySeconds = delay === undefined ? 0 : parseDurationSeconds(delay);
  if (delaySeconds === undefined) return `invalid Upstash-Delay: ${delay}`;
  const timeout = header('upstash-timeout');
  const timeoutSeconds = timeout === undefined ? undefined : parseDurationSeconds(timeout);
  if (timeout !== undefined && !timeoutSeconds) return `invalid Upstash-Timeout: ${timeout}`;
  const deduplicationId = header('upstash-deduplication-id');
  // QStash answers 400 with this text (seen in the wild; its docs do not list the rule).
  if (deduplicationId?.includes(':')) return "DeduplicationId cannot contain ':'";
  const counts: Record<string, number | undefined> = {};
  for (const name of ['upstash-not-before', 'upstash-retries']) {
    const value = header(name);
    if (value !== undefined && !/^\d+$/.test(value)) return `invalid ${name}: ${value}`;
    counts[name] = value === undefined ? undefined : Number(value);
  }

  const headers: Record<string, string> = {};
  request.forEach((value, name) => {
    if (name.startsWith('upstash-forward-')) headers[name.slice('upstash-forward-'.length)] = value;
  });
  const contentType = header('content-type');
  if (contentType) headers['content-type'] = contentType;
  return {
    method: header('upstash-method') ?? 'POST',
    headers,
    delaySeconds,
    notBefore: counts['upstash-not-before'],
    retries: counts['upstash-retries'],
    timeoutSeconds,
    deduplicationId,
    contentBasedDeduplication: header('upstash-content-based-deduplication') === 'true',
  };
}

/** QStash's content-based deduplication id: destination, body, content-type and forwarded headers. */
export function contentDeduplicationId(
  url: string,
  body: string,
  headers: Record<string, string>,
): string {
  const sorted = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([url, body, sorted]))
    .digest('hex');
}

export async function signQStashDelivery(
  signingKey: string,
  url: string,
  body: string,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ body: createHash('sha256').update(body).digest('base64url') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('Upstash')
    .setSubject(url)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + SIGNATURE_TTL_SECONDS)
    .setJti(`jwt_${randomBytes(12).toString('hex')}`)
    .sign(new TextEncoder().encode(signingKey));
}

/** QStash's documented retry backoff: before retry n (1, 2, …), min(1 day, e^(2.5·n)) seconds. */
export function qstashBackoffSeconds(retry: number): number {
  return Math.min(86_400, Math.exp(2.5 * retry));
}

/** `Upstash-Delay` / `Upstash-Timeout` values: "60s", "5m", "1h30m", "1d"; a bare number is seconds. */
export function parseDurationSeconds(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
  if (!/^(\d+[smhd])+$/.test(value)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+)([smhd])/g))
    seconds += Number(amount) * units[unit!]!;
  return seconds;
}

/**
 * When a schedule's cron fires next after `afterMs` (UTC). The stand-in understands the minute
 * schedules this app uses, `* * * * *` and `*\/N * * * *`; anything else is refused (undefined).
 */
export function nextCronFire(cron: string, afterMs: number): number | undefined {
  const match = /^(\*|\*\/([1-9]\d?))\s+\*\s+\*\s+\*\s+\*$/.exec(cron.trim());
  if (!match) return undefined;
  const every = match[2] ? Number(match[2]) : 1;
  const minute = Math.floor(afterMs / 60_000) + 1;
  return Math.ceil(minute / every) * every * 60_000;
}
