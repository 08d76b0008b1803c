/**
 * The local stand-in for LINE, mounted by the dev server under /__dev/line (tests serve it on a
 * loopback port of its own). It speaks LINE's HTTP where the app calls LINE, so the server's real
 * verification code and the real `@line/bot-sdk` client run against it:
 *   GET  /oauth2/v2.1/certs     the JWKS that verifies its ID tokens (LINE: api.line.me)
 *   POST /v2/bot/message/push   the Messaging API push (line-pushes.ts: token, body, retry key)
 * and sends what LINE sends: signed webhooks to <appOrigin>/api/webhooks/line (line-webhook.ts).
 * It adds what only a local world needs:
 *   GET  /users                 the dev users
 *   POST /id-token {userId}     an ES256 ID token for a dev user, as LIFF would hold after login
 *   GET  /avatars/<name>.svg    a picture for each dev user (by name: LINE's picture URLs do not
 *                               carry the user id, and the app passes them on to other users)
 *   GET  /pushes?to=U…          what was pushed (JSON)
 *   GET  /inbox?user=U…         the pushes as a LINE chat, with working buttons
 *   POST /faults                {status?, message?, delayMs?, accepted?, count?} for the next pushes
 *   POST /webhook {events}      deliver events (follow, unfollow, postback…) to the app
 * The SDK resolves its paths against the base URL's origin (`new URL('/v2/bot/…', baseURL)`), so
 * a path prefix in the base URL is dropped: the stand-in answers with or without /__dev/line.
 * Unlike LINE: no rate limit or quota unless a fault is queued, retry keys never expire, any
 * well-formed recipient exists, and webhooks are not redelivered.
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { readFile, writeFile } from 'node:fs/promises';
import { DEV_USERS } from './dev-users';
import { inboxPage } from './line-inbox-page';
import { createLinePushes, lineError, type PushFault, type RecordedPush } from './line-pushes';
import { createLineWebhook, type WebhookEventInput } from './line-webhook';

export type { PushFault, RecordedPush, WebhookEventInput };

export const LINE_STAND_IN_PATH = '/__dev/line';
export const DEV_LOGIN_CHANNEL_ID = '1234567890';
export const DEV_CHANNEL_ACCESS_TOKEN = 'dev-channel-access-token';
export const DEV_CHANNEL_SECRET = 'dev-channel-secret';
/** The bot's own user id, sent as a webhook's `destination`. */
const DEV_BOT_USER_ID = `U${'b0'.repeat(16)}`;
const ISSUER = 'https://access.line.me';
const ID_TOKEN_TTL = '12h';

export interface IdTokenOptions {
  /** As jose's setExpirationTime; `null` leaves `exp` out (LINE always sets it). */
  expiresIn?: string | null;
  audience?: string;
  issuer?: string;
}

export interface LineStandInOptions {
  /** The LINE Login channel the ID tokens are issued for. */
  channelId?: string;
  /** Keeps the ID-token signing key across restarts so open tabs stay signed in. */
  keyFile?: string;
  /** The Messaging API channel's token the pushes must carry, and its secret that signs webhooks. */
  channelAccessToken?: string;
  channelSecret?: string;
  /** Where webhooks go (`<appOrigin>/api/webhooks/line`) and LIFF links in the inbox open. */
  appOrigin?: string;
  botUserId?: string;
}

export interface LineStandIn {
  handle(request: Request): Promise<Response>;
  /** Signs an ID token directly, for tests that need odd claims (expired, other audience). */
  signIdToken(claims: Record<string, unknown>, options?: IdTokenOptions): Promise<string>;
  /** Accepted pushes in order, all or to one user. */
  pushes(to?: string): RecordedPush[];
  /** The next `count` (1) pushes answer `status` (e.g. 429, 500), optionally after `delayMs`. */
  failNextPushes(fault: PushFault): void;
  /** The next `count` (1) pushes are answered normally, but only after `ms`. */
  delayNextPushes(ms: number, count?: number): void;
  /** POSTs signed events to the app; resolves with the app's answer. */
  deliverWebhook(events: WebhookEventInput[]): Promise<Response>;
  /** What LINE sends when `userId` taps a postback button carrying `data`. */
  postback(userId: string, data: string, params?: Record<string, string>): Promise<Response>;
  /** Forgets pushes, accepted retry keys and queued faults. */
  reset(): void;
}

export async function createLineStandIn(options: LineStandInOptions = {}): Promise<LineStandIn> {
  const channelId = options.channelId ?? DEV_LOGIN_CHANNEL_ID;
  const pushes = createLinePushes(options.channelAccessToken ?? DEV_CHANNEL_ACCESS_TOKEN);
  const webhook = createLineWebhook({
    channelSecret: options.channelSecret ?? DEV_CHANNEL_SECRET,
    botUserId: options.botUserId ?? DEV_BOT_USER_ID,
    appOrigin: options.appOrigin,
  });
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const privateKey = await importJWK(privateJwk, 'ES256');
  const { kty, crv, x, y, kid } = privateJwk;
  const publicJwk: JWK = { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' };

  async function signIdToken(claims: Record<string, unknown>, opts: IdTokenOptions = {}) {
    const token = new SignJWT({ amr: ['linesso'], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, typ: 'JWT' })
      .setIssuer(opts.issuer ?? ISSUER)
      .setAudience(opts.audience ?? channelId)
      .setIssuedAt();
    if (opts.expiresIn !== null) token.setExpirationTime(opts.expiresIn ?? ID_TOKEN_TTL);
    return token.sign(privateKey);
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(`${LINE_STAND_IN_PATH}/`)
      ? url.pathname.slice(LINE_STAND_IN_PATH.length)
      : url.pathname;
    const users = DEV_USERS.map((user) => ({
      ...user,
      pictureUrl: `${url.origin}${LINE_STAND_IN_PATH}/${avatarPath(user)}`,
    }));

    if (request.method === 'GET' && path === '/oauth2/v2.1/certs') {
      return Response.json({ keys: [publicJwk] });
    }
    if (request.method === 'POST' && path === '/v2/bot/message/push') {
      return pushes.handlePush(request);
    }
    if (request.method === 'GET' && path === '/pushes') {
      return Response.json({ pushes: pushes.pushes(url.searchParams.get('to') ?? undefined) });
    }
    if (request.method === 'POST' && path === '/faults') {
      const fault = (await request.json().catch(() => ({}))) as PushFault;
      if (!fault.status && !fault.delayMs)
        return lineError(400, 'Give a status, a delayMs or both.');
      pushes.failNextPushes(fault);
      return Response.json({ queued: fault.count ?? 1 });
    }
    if (request.method === 'POST' && path === '/webhook') {
      const body = (await request.json().catch(() => ({}))) as { events?: WebhookEventInput[] };
      if (!Array.isArray(body.events)) return lineError(400, 'Send {"events": [...]}.');
      try {
        const answer = await webhook.deliverWebhook(body.events);
        return Response.json({ status: answer.status, body: await answer.text() });
      } catch (error) {
        return lineError(502, `The app did not answer the webhook: ${(error as Error).message}`);
      }
    }
    if (request.method === 'GET' && path === '/inbox') {
      const userId = url.searchParams.get('user') ?? DEV_USERS[0]!.userId;
      const user = DEV_USERS.find((u) => u.userId === userId);
      if (!user) return lineError(404, 'Unknown dev user.');
      const html = inboxPage({
        users: DEV_USERS,
        user,
        pushes: pushes.pushes(user.userId),
        countFor: (id) => pushes.pushes(id).length,
        appOrigin: options.appOrigin ?? url.origin,
        standInPath: LINE_STAND_IN_PATH,
      });
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    if (request.method === 'GET' && path === '/users') {
      return Response.json({ users });
    }
    if (request.method === 'POST' && path === '/id-token') {
      const body = (await request.json().catch(() => ({}))) as { userId?: string };
      const user = users.find((u) => u.userId === body.userId);
      if (!user) return lineError(404, 'Unknown dev user.');
      const idToken = await signIdToken({
        sub: user.userId,
        name: user.displayName,
        picture: user.pictureUrl,
      });
      return Response.json({ idToken });
    }
    if (request.method === 'GET' && path.startsWith('/avatars/')) {
      const user = users.find((u) => path === `/${avatarPath(u)}`);
      if (!user) return lineError(404, 'Unknown dev user.');
      return new Response(avatarSvg(user.displayName, user.color), {
        headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
      });
    }
    return lineError(404, 'Not found.');
  }

  return {
    handle,
    signIdToken,
    pushes: pushes.pushes,
    failNextPushes: pushes.failNextPushes,
    delayNextPushes: (ms, count = 1) => pushes.failNextPushes({ delayMs: ms, count }),
    deliverWebhook: webhook.deliverWebhook,
    postback: webhook.postback,
    reset: pushes.reset,
  };
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile) {
    const saved = await readFile(keyFile, 'utf8').catch(() => undefined);
    if (saved) return JSON.parse(saved) as JWK;
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}` };
  if (keyFile) await writeFile(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

/** Where a dev user's picture is, under the stand-in. */
export function avatarPath(user: { displayName: string }): string {
  return `avatars/${user.displayName.toLowerCase()}.svg`;
}

function avatarSvg(name: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
<circle cx="48" cy="48" r="48" fill="${color}"/>
<text x="48" y="62" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle">${name[0]}</text>
</svg>`;
}
