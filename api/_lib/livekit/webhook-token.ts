/**
 * The `Authorization` JWT of a LiveKit webhook, checked as the SDK's TokenVerifier checks it
 * (livekit-server-sdk 2.19 `AccessToken.js`: jose's `jwtVerify` with the API secret, `issuer` =
 * the API key, `requiredClaims: ['exp']`, 10 s clock tolerance), by node:crypto with the key
 * imported once. Hand-written because of what the SDK path costs per event: TokenVerifier turns the
 * secret into a new KeyObject on every call and runs jose's general JWS machinery (any algorithm,
 * JWK, `crit`, `b64`), about 7 % of the webhook handler's time under the bench's load
 * (profile in README.md#performance); this is a few µs. Only what LiveKit sends is accepted:
 * HS256, no `crit` or `b64` header, a JSON object as payload. tests/unit/webhook-token.test.ts
 * holds it to the SDK's verdict on the same tokens.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The SDK's default clock tolerance (`defaultClockToleranceSeconds`). */
const CLOCK_TOLERANCE_SECONDS = 10;

let imported: { secret: string; key: KeyObject } | undefined;

/** The token's claims when it verifies; throws when it does not. */
export function verifyWebhookToken(
  token: string,
  apiKey: string,
  apiSecret: string,
): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('The token is not a compact JWS.');
  const [header, payload, signature] = parts as [string, string, string];
  // The secret rarely changes; a rotation imports the new one.
  if (imported?.secret !== apiSecret) {
    imported = { secret: apiSecret, key: createSecretKey(Buffer.from(apiSecret)) };
  }
  const expected = createHmac('sha256', imported.key).update(`${header}.${payload}`).digest();
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new Error('The token signature does not verify.');
  }
  const protectedHeader = decodePart(header);
  if (protectedHeader.alg !== 'HS256' || 'crit' in protectedHeader || 'b64' in protectedHeader) {
    throw new Error('The token header is not a plain HS256 one.');
  }
  const claims = decodePart(payload);
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (claims.iss !== apiKey) throw new Error('The token was not issued by the API key.');
  const { exp, nbf, iat } = claims;
  if (typeof exp !== 'number') throw new Error('The token has no expiry.');
  if (exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) throw new Error('The token has expired.');
  if (
    nbf !== undefined &&
    (typeof nbf !== 'number' || nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS)
  ) {
    throw new Error('The token is not valid yet.');
  }
  if (iat !== undefined && typeof iat !== 'number') throw new Error('The token iat is not a time.');
  return claims;
}

function decodePart(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('A token part is not a JSON object.');
  }
  return value as Record<string, unknown>;
}
