/**
 * The local stand-in for LINE, mounted by the dev server (and the tests) under /__dev/line. It
 * speaks LINE's HTTP where the app calls LINE, so the server's real verification code runs:
 *   GET  /oauth2/v2.1/certs   the JWKS that verifies its ID tokens (LINE: api.line.me)
 * and adds what only a local world needs:
 *   GET  /users               the dev users
 *   POST /id-token {userId}   an ES256 ID token for a dev user, as LIFF would hold after login
 *   GET  /avatars/<id>.svg    a picture for each dev user
 * The Messaging API (pushes and their inbox) joins it with the 1:1 calls.
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { readFile, writeFile } from 'node:fs/promises';
import { DEV_USERS } from './dev-users';

export const LINE_STAND_IN_PATH = '/__dev/line';
export const DEV_LOGIN_CHANNEL_ID = '1234567890';
const ISSUER = 'https://access.line.me';
const ID_TOKEN_TTL = '12h';

export interface IdTokenOptions {
  expiresIn?: string;
  audience?: string;
  issuer?: string;
}

export interface LineStandIn {
  handle(request: Request): Promise<Response>;
  /** Signs an ID token directly, for tests that need odd claims (expired, other audience). */
  signIdToken(claims: Record<string, unknown>, options?: IdTokenOptions): Promise<string>;
}

/** `keyFile` keeps the signing key across restarts so open tabs stay signed in. */
export async function createLineStandIn(
  options: { channelId?: string; keyFile?: string } = {},
): Promise<LineStandIn> {
  const channelId = options.channelId ?? DEV_LOGIN_CHANNEL_ID;
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const privateKey = await importJWK(privateJwk, 'ES256');
  const { d: _private, ...publicKey } = privateJwk;
  const publicJwk: JWK = { ...publicKey, alg: 'ES256', use: 'sig' };

  async function signIdToken(claims: Record<string, unknown>, opts: IdTokenOptions = {}) {
    return new SignJWT({ amr: ['linesso'], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, typ: 'JWT' })
      .setIssuer(opts.issuer ?? ISSUER)
      .setAudience(opts.audience ?? channelId)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? ID_TOKEN_TTL)
      .sign(privateKey);
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(LINE_STAND_IN_PATH.length);
    const users = DEV_USERS.map((user) => ({
      ...user,
      pictureUrl: `${url.origin}${LINE_STAND_IN_PATH}/avatars/${user.userId}.svg`,
    }));

    if (request.method === 'GET' && path === '/oauth2/v2.1/certs') {
      return Response.json({ keys: [publicJwk] });
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
    const avatar = /^\/avatars\/(U[0-9a-f]{32})\.svg$/.exec(path);
    if (request.method === 'GET' && avatar) {
      const user = users.find((u) => u.userId === avatar[1]);
      if (!user) return lineError(404, 'Unknown dev user.');
      return new Response(avatarSvg(user.displayName, user.color), {
        headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
      });
    }
    return lineError(404, 'Not found.');
  }

  return { handle, signIdToken };
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

/** LINE's error body shape: `{ "message": "..." }`. */
function lineError(status: number, message: string): Response {
  return Response.json({ message }, { status });
}

function avatarSvg(name: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
<circle cx="48" cy="48" r="48" fill="${color}"/>
<text x="48" y="62" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle">${name[0]}</text>
</svg>`;
}
