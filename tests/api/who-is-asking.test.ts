/**
 * Who is asking (api/_lib/auth): `Authorization: Bearer <token>` exactly (any case, any spaces
 * between), a LIFF ID token for a LINE user id, or the API key where a backend may ask; the
 * display name LINE gives is stored cleaned. LINE's keys out of reach is a 503, not a 401.
 */
import { describe, expect, test } from 'vitest';
import { resetConfig } from '../../api/_lib/config';
import { API_KEY } from '../support/agent-calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ env: { AGENT_API_KEY: API_KEY } });

const withHeader = (path: string, authorization: string) =>
  fetch(`${env.url}${path}`, { headers: { authorization } });

describe('the Authorization header', () => {
  test.each([
    ['Bearer <token>', (t: string) => `Bearer ${t}`, 200],
    ['bearer, and three spaces', (t: string) => `bearer   ${t}`, 200],
    ['a word before Bearer', (t: string) => `Token Bearer ${t}`, 401],
    ['a word after the token', (t: string) => `Bearer ${t} please`, 401],
  ])('%s → %i', async (_, header, status) => {
    const token = await env.idTokenFor(env.users.alice);
    const userAnswer = await withHeader('/api/calls', header(token));
    expect(userAnswer.status).toBe(status);
    if (status === 401) expect((await userAnswer.json()).error.code).toBe('unauthenticated');
    // The same forms with the API key, where a backend may ask: the key, or nobody.
    const keyAnswer = await withHeader('/api/agent-calls', header(API_KEY));
    expect(keyAnswer.status).toBe(status);
  });
});

describe('the ID token', () => {
  test.each([['not-a-line-id'], [`x${'U'.padEnd(33, 'a')}`], [`${'U'.padEnd(33, 'a')}0`]])(
    'for a subject that is no LINE user id (%s) → 401 invalid_token',
    async (sub) => {
      const token = await env.line.signIdToken({ sub, name: 'Who' });
      const response = await withHeader('/api/calls', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe('invalid_token');
    },
  );

  test("LINE's keys out of reach: 503 line_unavailable, not a sign-in failure", async () => {
    const jwksUrl = process.env.LINE_JWKS_URL;
    process.env.LINE_JWKS_URL = 'http://127.0.0.1:9/oauth2/v2.1/certs';
    resetConfig();
    try {
      const response = await withHeader(
        '/api/calls',
        `Bearer ${await env.idTokenFor(env.users.bob)}`,
      );
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('line_unavailable');
    } finally {
      process.env.LINE_JWKS_URL = jwksUrl;
      resetConfig();
    }
  });
});

describe('the display name LINE gives', () => {
  test.each([
    ['  Mary  ', 'Mary'],
    ['Ma\u0000ry\u0007', 'Mary'],
    ['A\uD800B', 'A\uFFFDB'],
    ['A\uDC00B', 'A\uFFFDB'],
    ['Emoji \uD83D\uDE00', 'Emoji \uD83D\uDE00'],
    ['\u0007 \u0000', 'LINE user'],
    [undefined, 'LINE user'],
  ])('%j is stored as %j', async (name, stored) => {
    const [user] = await syntheticUsers(env, `display-name-${JSON.stringify(name)}`, 1);
    const token = await env.line.signIdToken({
      sub: user!.userId,
      ...(name === undefined ? {} : { name }),
    });
    expect((await withHeader('/api/calls', `Bearer ${token}`)).status).toBe(200);
    const { rows } = await env.db.query('SELECT display_name FROM users WHERE line_user_id = $1', [
      user!.userId,
    ]);
    expect(rows[0].display_name).toBe(stored);
  });
});
