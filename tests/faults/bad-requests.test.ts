/**
 * 1,000 generated bad requests across every endpoint: wrong types, missing fields, huge strings,
 * wrong content types, oversized bodies, invalid JSON, unknown actions, bad ids in the path, bad
 * Idempotency-Keys, bad auth, and valid auth (or a valid signature) carrying a bad body. No answer
 * may be a 5xx, and every answer that is not a 2xx must be `{ error: { code, message } }`.
 * The requests come from a seeded PRNG: the seed is printed, and FAULT_SEED=<seed> replays them.
 * Known server bugs the corpus runs into are pinned down one by one at the end.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resetConfig } from '../../api/_lib/config';
import { API_KEY, callMeNow } from '../support/agent-calls';
import { signIn, startedCallId } from '../support/calls';
import { syntheticUsers } from '../support/synthetic-users';
import type { DevUser } from '../../dev/dev-users';
import { faultTally } from '../support/fault-tally';
import { inBatches } from '../support/in-batches';
import { badRequestCorpus, type Fixtures, type RequestSpec } from '../support/bad-request-corpus';
import {
  lineSignature,
  lineWebhookBody,
  postLineWebhook,
  postLivekitWebhook,
} from '../support/signed-deliveries';
import { startTestEnvironment, type TestEnvironment } from '../support/test-environment';

const tally = faultTally(import.meta.url);
const COUNT = 1000;
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 2 ** 31);
let env: TestEnvironment;
let fixtures: Fixtures;

beforeAll(async () => {
  env = await startTestEnvironment();
  process.env.AGENT_API_KEY = API_KEY;
  resetConfig();
  const { alice, bob, carol } = env.users;
  await signIn(env, alice, bob, carol);
  const [token, stranger] = await Promise.all([
    Promise.all([alice, bob, carol].map((user) => env.idTokenFor(user))),
    strangerToken(alice.userId),
  ]);
  const line = env.line;
  fixtures = {
    baseUrl: env.url,
    users: { alice: alice.userId, bob: bob.userId, carol: carol.userId },
    contacts: {
      alice: await env.contactIdOf(alice),
      bob: await env.contactIdOf(bob),
      carol: await env.contactIdOf(carol),
    },
    tokens: { alice: token[0]!, bob: token[1]!, carol: token[2]! },
    apiKey: API_KEY,
    badTokens: [
      await line.signIdToken({ sub: alice.userId }, { expiresIn: '-1h' }),
      await line.signIdToken({ sub: alice.userId }, { audience: '999' }),
      await line.signIdToken({ sub: alice.userId }, { issuer: 'https://evil.example' }),
      await line.signIdToken({ sub: 'alice' }),
      await line.signIdToken({ sub: alice.userId, picture: 'not a url' }),
      tamper(token[0]!, { sub: bob.userId }),
      stranger,
    ],
    callId: await startedCallId(env, alice, bob),
    agentSid: (await (await callMeNow(env, alice)).json()).agentCall.sid,
  };
});
afterAll(() => env?.close());

interface Answer {
  spec: RequestSpec;
  status: number;
  body: string;
}

describe('1,000 generated bad requests', () => {
  test(`no 5xx, and a JSON error for every refusal (seed printed)`, async () => {
    const specs = await badRequestCorpus(fixtures, SEED, COUNT);
    console.log(`bad requests: seed ${SEED} (FAULT_SEED=${SEED} replays them), ${specs.length}`);
    const started = Date.now();
    const before = await stateCounts();
    const answers = await inBatches(specs, 8, (spec) => send(spec));
    tally.requests(answers.length);
    // A bad request starts nothing: no call, agent call, call back, push or job may appear.
    const after = await stateCounts();
    for (const [what, count] of Object.entries(before)) {
      tally.effects({ expected: count, found: after[what]! });
    }

    const wrong = answers.filter((a) => !answerIsSound(a));
    const byStatus = count(answers.map((a) => a.status));
    const byEndpoint = count(answers.map((a) => a.spec.endpoint));
    console.log(
      `bad requests: ${answers.length} in ${Date.now() - started} ms; by status ` +
        `${JSON.stringify(byStatus)}; by endpoint ${JSON.stringify(byEndpoint)}`,
    );
    const wrongByKind = count(wrong.map((a) => `${a.status} ${a.spec.label.split(')')[0]})`));
    if (wrong.length)
      console.log(`bad requests that failed, by kind: ${JSON.stringify(wrongByKind)}`);
    tally.failures(wrong.length);
    expect(
      wrong.slice(0, 20).map((a) => `${a.status} ${a.spec.label} → ${a.body.slice(0, 160)}`),
      `seed ${SEED}: ${wrong.length} of ${answers.length} answers were 5xx or not a JSON error`,
    ).toEqual([]);
  }, 60_000);
});

describe('the 5xx answers the corpus runs into, one by one', () => {
  test.each([
    ['a NUL character', { note: 'x\u0000y' }],
    ['an unpaired surrogate', { note: '\ud800' }],
  ])(
    'an agent call whose context holds %s (Postgres jsonb refuses it) → 400',
    async (_what, context) => {
      const response = await fetch(`${env.url}/api/agent-calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to: { lineUserId: env.users.carol.userId }, context }),
      });
      tally.requests();
      expect(response.status).toBe(400);
    },
  );

  test.each([
    [
      'a LiveKit webhook whose event id holds a NUL',
      async () => {
        const { alice, carol } = env.users;
        const callId = await startedCallId(env, carol, alice);
        const delivery = await env.livekit.signWebhook({
          event: 'participant_left',
          id: `EV_${randomUUID()}\u0000`,
          createdAt: BigInt(Math.floor(Date.now() / 1000)),
          room: { name: `call-${callId}` },
          participant: { identity: await env.roomIdentityOf(carol) },
        });
        return postLivekitWebhook(env, delivery.body, delivery.authorization);
      },
    ],
    [
      'a LiveKit webhook whose createdAt no Date can hold',
      async () => {
        const [carol, alice] = (await syntheticUsers(env, 'created-at', 2)) as [DevUser, DevUser];
        const callId = await startedCallId(env, carol, alice);
        const delivery = await env.livekit.signWebhook({
          event: 'participant_joined',
          id: `EV_${randomUUID()}`,
          createdAt: 10n ** 17n,
          room: { name: `call-${callId}` },
          participant: { identity: await env.roomIdentityOf(carol) },
        });
        return postLivekitWebhook(env, delivery.body, delivery.authorization);
      },
    ],
    [
      'an ID token whose name holds a NUL (LINE signs what the user typed)',
      async () => {
        const [user] = await syntheticUsers(env, 'nul-name', 1);
        const token = await env.line.signIdToken({ sub: user!.userId, name: 'Ma\u0000ry\u0007' });
        return fetch(`${env.url}/api/calls`, { headers: { authorization: `Bearer ${token}` } });
      },
    ],
    [
      'a LINE follow event whose user id holds a NUL',
      () => {
        const body = lineWebhookBody({
          type: 'follow',
          source: { type: 'user', userId: 'U\u0000' },
        });
        return postLineWebhook(env, body, lineSignature(body));
      },
    ],
  ])('%s, correctly signed → a 4xx, not a 5xx the sender would retry', async (_what, send) => {
    const response = await send();
    tally.requests();
    expect(response.status).toBeLessThan(500);
  });

  test('a display name with NUL and control characters is stored without them', async () => {
    const [user] = await syntheticUsers(env, 'nul-stored', 1);
    const token = await env.line.signIdToken({ sub: user!.userId, name: 'Ma\u0000ry\u0007' });
    tally.requests();
    const response = await fetch(`${env.url}/api/calls`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const { rows } = await env.db.query('SELECT display_name FROM users WHERE line_user_id = $1', [
      user!.userId,
    ]);
    expect(rows[0].display_name).toBe('Mary');
  });

  test.each([['/api/calls/%E0%A4%A'], ['/api/agent-calls/%'], ['/api/jobs/%zz']])(
    'a malformed percent-encoding in %s → a JSON 4xx, not a 500 (dev server routing)',
    async (path) => {
      const response = await fetch(`${env.url}${path}`, { method: 'POST' });
      tally.requests();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect((await response.json()).error.code).toEqual(expect.any(String));
    },
  );

  test(
    'a body over the limit streamed without Content-Length is answered 413, and nothing throws ' +
      'in the dev server (Readable.toWeb used to throw ERR_INVALID_STATE, nodejs/node#64529)',
    async () => {
      const uncaught: string[] = [];
      const record = (error: Error) => void uncaught.push(error.message);
      process.on('uncaughtException', record);
      try {
        const answers: number[] = [];
        for (const chunks of [4, 64, 4, 64, 4, 64]) {
          const body = streamedBody(chunks, 64 * 1024);
          answers.push((await send(oversized('/api/jobs/execute-retry', body), 2_000)).status);
        }
        tally.requests(answers.length);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect({ answers, uncaught }).toEqual({ answers: Array(6).fill(413), uncaught: [] });
      } finally {
        process.off('uncaughtException', record);
      }
    },
  );
});

function oversized(path: string, body: RequestSpec['body']): RequestSpec {
  const headers = { 'content-type': 'application/json' };
  return { endpoint: 'oversized', label: path, method: 'POST', path, headers, body };
}

function streamedBody(chunks: number, bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('y'.repeat(bytes));
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < chunks; i++) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function send(spec: RequestSpec, timeoutMs = 10_000): Promise<Answer> {
  try {
    const response = await fetch(`${env.url}${spec.path}`, {
      signal: AbortSignal.timeout(timeoutMs),
      method: spec.method,
      headers: spec.headers,
      body: spec.method === 'GET' ? undefined : spec.body,
      ...(spec.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { spec, status: response.status, body: await response.text() };
  } catch (error) {
    // No answer at all (the server dropped the connection) is a failure too.
    const cause = (error as Error & { cause?: Error & { code?: string } }).cause;
    const why = `${(error as Error).message}${cause ? `: ${cause.code ?? ''} ${cause.message}` : ''}`;
    return { spec, status: 599, body: `no answer: ${why}` };
  }
}

function answerIsSound({ status, body }: Answer): boolean {
  if (status >= 500) return false;
  if (status >= 200 && status < 300) return true;
  try {
    const { error } = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    return typeof error?.code === 'string' && typeof error.message === 'string';
  } catch {
    return false;
  }
}

async function stateCounts(): Promise<Record<string, number>> {
  const { rows } = await env.db.query(
    `SELECT (SELECT count(*)::int FROM calls) AS calls,
            (SELECT count(*)::int FROM agent_call_sessions) AS agent_calls,
            (SELECT count(*)::int FROM agent_call_retry_queue) AS call_backs`,
  );
  return { ...rows[0], pushes: env.line.pushes().length, jobs: env.qstash.messages().length };
}

function count(values: (string | number)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** A LIFF-shaped ID token for `sub` signed by a key LINE never published. */
async function strangerToken(sub: string): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const { kid = 'stranger' } = await exportJWK(publicKey);
  return new SignJWT({ sub, name: 'Mallory' })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer('https://access.line.me')
    .setAudience('1234567890')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

/** The token with its payload changed and its signature kept. */
function tamper(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...claims };
  return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
}
