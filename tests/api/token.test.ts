import { decodeJwt, generateKeyPair, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { POST } from '../../api/token';
import { jsonRequest } from '../support/test-environment';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

const tokenRequest = (body: unknown, idToken?: string, headers?: Record<string, string>) =>
  POST(jsonRequest('/api/token', body, { idToken, headers }));

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
}

describe('POST /api/token for a conference room', () => {
  test('mints a short-lived token with explicit grants for the signed-in LINE user', async () => {
    const { alice } = env.users;
    const response = await tokenRequest({ room: 'conf-jp' }, await env.idTokenFor(alice));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      url: env.url.replace('http', 'ws'),
      room: 'conf-jp',
      identity: await env.roomIdentityOf(alice),
      name: 'Alice',
    });
    expect(body.identity).not.toContain(alice.userId.slice(1));

    const { payload } = await jwtVerify(
      body.token,
      new TextEncoder().encode(process.env.LIVEKIT_API_SECRET),
    );
    expect(payload).toMatchObject({
      iss: 'devkey',
      sub: body.identity,
      name: 'Alice',
      video: {
        room: 'conf-jp',
        roomJoin: true,
        roomCreate: false,
        roomAdmin: false,
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
      },
    });
    expect(payload.exp! - payload.nbf!).toBe(600);
  });

  test('records the user on first sight with name, picture and language', async () => {
    const { bob } = env.users;
    await tokenRequest({ room: 'conf-kr' }, await env.idTokenFor(bob), {
      'accept-language': 'ja-JP,ja;q=0.9',
    });
    const { rows } = await env.db.query(
      'SELECT display_name, picture_url, language FROM users WHERE line_user_id = $1',
      [bob.userId],
    );
    expect(rows).toEqual([
      { display_name: 'Bob', picture_url: expect.stringContaining('/avatars/'), language: 'ja' },
    ]);
  });

  test.each([['conf-東京-room'], ['conf-ห้องประชุม'], ['conf-team_sync-2']])(
    'accepts the named room %s',
    async (room) => {
      const response = await tokenRequest({ room }, await env.idTokenFor(env.users.alice));
      expect(response.status).toBe(200);
      expect(decodeJwt((await response.json()).token).video).toMatchObject({ room });
    },
  );

  test.each([['conf-'], ['conf-a b'], [`conf-${'x'.repeat(49)}`], ['lobby'], ['conf-a/b']])(
    'refuses the malformed room %j with 400',
    async (room) => {
      const response = await tokenRequest({ room }, await env.idTokenFor(env.users.alice));
      await expectError(response, 400, 'invalid_room');
    },
  );

  test.each([['call-0f8fad5b-d9cb-469f-a165-70867728950e'], ['agent-ac_12345678']])(
    'refuses %s until its flow defines the parties (403)',
    async (room) => {
      const response = await tokenRequest({ room }, await env.idTokenFor(env.users.alice));
      await expectError(response, 403, 'room_not_joinable');
    },
  );
});

describe('POST /api/token refuses bad input with a JSON error', () => {
  test('missing room → 400', async () => {
    await expectError(
      await tokenRequest({}, await env.idTokenFor(env.users.alice)),
      400,
      'invalid_request',
    );
  });

  test('invalid JSON → 400', async () => {
    await expectError(
      await tokenRequest('{"room":', await env.idTokenFor(env.users.alice)),
      400,
      'invalid_json',
    );
  });

  test('wrong content type → 415', async () => {
    await expectError(
      await tokenRequest({ room: 'conf-jp' }, await env.idTokenFor(env.users.alice), {
        'content-type': 'text/plain',
      }),
      415,
      'unsupported_media_type',
    );
  });

  test('oversized body → 413', async () => {
    await expectError(
      await tokenRequest({ room: 'x'.repeat(20_000) }, await env.idTokenFor(env.users.alice)),
      413,
      'payload_too_large',
    );
  });
});

describe('LIFF ID token verification', () => {
  const carol = () => env.users.carol;
  const claims = () => ({ sub: carol().userId, name: 'Carol' });

  async function expectUnauthorized(idToken: string | undefined, code = 'invalid_token') {
    const response = await tokenRequest({ room: 'conf-jp' }, idToken);
    await expectError(response, 401, code);
    const { rows } = await env.db.query('SELECT 1 FROM users WHERE line_user_id = $1', [
      carol().userId,
    ]);
    expect(rows).toHaveLength(0);
  }

  test('no Authorization header', async () => {
    await expectUnauthorized(undefined, 'unauthenticated');
  });

  test('garbage', async () => {
    await expectUnauthorized('not-a-jwt');
  });

  test('expired', async () => {
    await expectUnauthorized(
      await env.line.signIdToken(claims(), { expiresIn: '-1m' }),
      'token_expired',
    );
  });

  test('signed by LINE but with no expiry: a token that would be good forever is refused', async () => {
    await expectUnauthorized(await env.line.signIdToken(claims(), { expiresIn: null }));
  });

  test('signed by LINE but naming nobody (no sub)', async () => {
    await expectUnauthorized(await env.line.signIdToken({ name: 'Carol' }));
  });

  test('issued for another channel', async () => {
    await expectUnauthorized(await env.line.signIdToken(claims(), { audience: '999' }));
  });

  test('signed by a key that is not in the JWKS', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://access.line.me')
      .setAudience('1234567890')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expectUnauthorized(forged);
  });

  test('HS256 signed with the public key as secret (algorithm confusion)', async () => {
    const jwks = await (await fetch(`${env.url}/__dev/line/oauth2/v2.1/certs`)).json();
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const hs256 = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://access.line.me')
      .setAudience('1234567890')
      .setExpirationTime('1h')
      .sign(secret);
    await expectUnauthorized(hs256);
  });

  test('unsigned (alg none)', async () => {
    const unsigned = new UnsecuredJWT(claims())
      .setIssuer('https://access.line.me')
      .setAudience('1234567890')
      .setExpirationTime('1h')
      .encode();
    await expectUnauthorized(unsigned);
  });

  test('issued by someone other than LINE', async () => {
    await expectUnauthorized(
      await env.line.signIdToken(claims(), { issuer: 'https://evil.example' }),
    );
  });
});
