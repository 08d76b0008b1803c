/**
 * The webhook token check against the SDK's TokenVerifier: the same verdict on every token, bar
 * one on purpose (an HMAC algorithm other than HS256, which LiveKit never signs with and the SDK
 * lets through because it does not pin the algorithm).
 */
import { createHmac } from 'node:crypto';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { expect, test } from 'vitest';
import { verifyWebhookToken } from '../../api/_lib/livekit/webhook-token';

const API_KEY = 'APIwebhooktest';
const SECRET = 'a-webhook-test-secret-of-32-characters-or-more';
const now = () => Math.floor(Date.now() / 1000);

function compact(
  header: Record<string, unknown>,
  claims: unknown,
  options: { secret?: string; hash?: string } = {},
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(claims)}`;
  const mac = createHmac(options.hash ?? 'sha256', options.secret ?? SECRET)
    .update(input)
    .digest('base64url');
  return `${input}.${mac}`;
}

const claims = (extra: Record<string, unknown> = {}) => ({
  iss: API_KEY,
  exp: now() + 600,
  sha256: 'c2hh',
  ...extra,
});
const hs256 = { alg: 'HS256' };

const sdkAccepts = (token: string) =>
  new TokenVerifier(API_KEY, SECRET).verify(token).then(
    () => true,
    () => false,
  );
const ourAccepts = (token: string) => {
  try {
    verifyWebhookToken(token, API_KEY, SECRET);
    return true;
  } catch {
    return false;
  }
};

test.each<[string, () => Promise<string> | string, boolean]>([
  [
    'as LiveKit signs it',
    () => Object.assign(new AccessToken(API_KEY, SECRET), { sha256: 'c2hh' }).toJwt(),
    true,
  ],
  ['with typ JWT', () => compact({ alg: 'HS256', typ: 'JWT' }, claims()), true],
  ['with another secret', () => compact(hs256, claims(), { secret: `${SECRET}x` }), false],
  ['issued by another key', () => compact(hs256, claims({ iss: 'APIother' })), false],
  ['with no issuer', () => compact(hs256, claims({ iss: undefined })), false],
  ['with no expiry', () => compact(hs256, claims({ exp: undefined })), false],
  ['with a text expiry', () => compact(hs256, claims({ exp: String(now() + 600) })), false],
  [
    'expired 5 s ago (within the tolerance)',
    () => compact(hs256, claims({ exp: now() - 5 })),
    true,
  ],
  ['expired 30 s ago', () => compact(hs256, claims({ exp: now() - 30 })), false],
  ['valid from in 5 s', () => compact(hs256, claims({ nbf: now() + 5 })), true],
  ['valid from in 60 s', () => compact(hs256, claims({ nbf: now() + 60 })), false],
  ['with a text nbf', () => compact(hs256, claims({ nbf: String(now()) })), false],
  ['with a text iat', () => compact(hs256, claims({ iat: 'now' })), false],
  [
    'unsigned (alg none)',
    () => `${compact({ alg: 'none' }, claims()).split('.').slice(0, 2).join('.')}.`,
    false,
  ],
  [
    'with a critical extension',
    () => compact({ alg: 'HS256', crit: ['x'], x: 1 }, claims()),
    false,
  ],
  ['with an array payload', () => compact(hs256, [claims()]), false],
  [
    'with a tampered payload',
    () => {
      const [header, , mac] = compact(hs256, claims()).split('.');
      return `${header}.${Buffer.from(JSON.stringify(claims({ sha256: 'b3RoZXI=' }))).toString('base64url')}.${mac}`;
    },
    false,
  ],
  ['cut short', () => compact(hs256, claims()).split('.').slice(0, 2).join('.'), false],
  ['empty', () => '', false],
])('a token %s: accepted %s, as the SDK decides', async (_, make, accepted) => {
  const token = await make();
  expect(ourAccepts(token)).toBe(accepted);
  expect(await sdkAccepts(token)).toBe(accepted);
});

test('HS512 is refused, though the SDK (which does not pin the algorithm) accepts it', async () => {
  const token = compact({ alg: 'HS512' }, claims(), { hash: 'sha512' });
  expect(ourAccepts(token)).toBe(false);
  expect(await sdkAccepts(token)).toBe(true);
});

test('the claims come back, sha256 included', () => {
  const token = compact(hs256, claims({ sha256: 'Ym9keQ==' }));
  expect(verifyWebhookToken(token, API_KEY, SECRET)).toMatchObject({ sha256: 'Ym9keQ==' });
});
