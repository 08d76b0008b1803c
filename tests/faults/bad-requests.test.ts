/**
 * 1,000 generated bad requests across every endpoint: wrong types, missing fields, huge strings,
 * wrong content types, oversized bodies, invalid JSON, unknown actions, bad ids in the path, bad
 * Idempotency-Keys, bad auth, and valid auth (or a valid signature) carrying a bad body. No answer
 * may be a 5xx, and every answer that is not a 2xx must be `{ error: { code, message } }`.
 * The requests come from a seeded PRNG: the seed is printed, and FAULT_SEED=<seed> replays them.
 * The server bugs it ran into are pinned down one by one in bad-request-regressions.test.ts.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { API_KEY, callMeNow } from '../support/agent-calls';
import { startedCallId } from '../support/calls';
import { createCampaign } from '../support/campaigns';
import { faultTally } from '../support/fault-tally';
import { inBatches } from '../support/in-batches';
import {
  badRequestCorpus,
  sendRequest,
  type Answer,
  type Fixtures,
} from '../support/bad-request-corpus';
import { useTestEnvironment } from '../support/use-test-environment';

const tally = faultTally(import.meta.url);
const COUNT = 1000;
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 2 ** 31);
const env = useTestEnvironment({
  signIn: ['alice', 'bob', 'carol'],
  env: { AGENT_API_KEY: API_KEY },
});
let fixtures: Fixtures;

beforeAll(async () => {
  const { alice, bob, carol } = env.users;
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
    campaignId: (await createCampaign(env, alice)).id,
  };
});
describe('1,000 generated bad requests', () => {
  test(`no 5xx, and a JSON error for every refusal (seed printed)`, async () => {
    const specs = await badRequestCorpus(fixtures, SEED, COUNT);
    console.log(`bad requests: seed ${SEED} (FAULT_SEED=${SEED} replays them), ${specs.length}`);
    const started = Date.now();
    const before = await stateCounts();
    const answers = await inBatches(specs, 8, (spec) => sendRequest(env.url, spec));
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
