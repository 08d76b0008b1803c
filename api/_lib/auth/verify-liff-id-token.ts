/**
 * Verifies a LIFF ID token the way LINE documents it: an ES256 JWT signed with a key from LINE's
 * JWKS, issued by https://access.line.me, for our LINE Login channel, not expired. The dev server
 * points `jwksUrl` at its LINE stand-in, so dev logins take exactly this path too.
 */
import type { errors as JoseErrors, JWTVerifyGetKey } from 'jose';
import * as z from 'zod/mini';
import { unauthorized, unavailable, type AppError } from '../errors.js';
import { LINE_USER_ID } from '../domain/ids.js';

const LINE_ISSUER = 'https://access.line.me';

export interface LineIdentity {
  userId: string;
  name: string;
  pictureUrl: string | null;
}

const Claims = z.object({
  sub: z.string().check(z.regex(LINE_USER_ID, 'not a LINE user id')),
  name: z.optional(z.string().check(z.maxLength(200))),
  picture: z.optional(z.url()),
});

/** Remote key sets by URL: jose caches LINE's keys in them between requests. */
const keySets = new Map<string, JWTVerifyGetKey>();

export async function verifyLiffIdToken(
  idToken: string,
  expected: { channelId: string; jwksUrl: string },
): Promise<LineIdentity> {
  // Imported on first use, so importing a function does not load it.
  const jose = await import('jose');
  let keySet = keySets.get(expected.jwksUrl);
  if (!keySet) {
    keySet = jose.createRemoteJWKSet(new URL(expected.jwksUrl), { timeoutDuration: 3000 });
    keySets.set(expected.jwksUrl, keySet);
  }
  let payload: unknown;
  try {
    ({ payload } = await jose.jwtVerify(idToken, keySet, {
      issuer: LINE_ISSUER,
      audience: expected.channelId,
      algorithms: ['ES256'],
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (error) {
    throw toAuthError(error, jose.errors);
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw unauthorized('invalid_token', 'The ID token has unexpected claims.');
  return {
    userId: claims.data.sub,
    name: displayName(claims.data.name),
    pictureUrl: claims.data.picture ?? null,
  };
}

/**
 * LINE lets people put almost anything in their display name; Postgres text cannot hold NUL or a
 * lone surrogate, and control characters only garble the pages and pushes that show the name.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

function displayName(name: string | undefined): string {
  const cleaned = name?.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').trim();
  return cleaned || 'LINE user';
}

function toAuthError(error: unknown, errors: typeof JoseErrors): AppError {
  if (error instanceof errors.JWTExpired) {
    return unauthorized('token_expired', 'Your LINE login has expired. Reopen the app.', error);
  }
  if (error instanceof errors.JWKSTimeout || isNetworkError(error)) {
    return unavailable('line_unavailable', 'Could not reach LINE to check your login.', error);
  }
  return unauthorized('invalid_token', 'The LINE ID token is not valid.', error);
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}
