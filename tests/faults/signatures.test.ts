/**
 * Forged, tampered, expired and replayed signatures on every signed callback: LiveKit webhooks,
 * LINE webhooks, and the QStash jobs. Each body is one that would change state if it were
 * believed (a control delivery at the end proves it); every forgery must answer 401 with a JSON
 * error and write no row anywhere. An exact replay of a genuine delivery is acknowledged and
 * changes nothing more.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { callMeNow } from '../support/agent-calls';
import { startedCallId, statusOf } from '../support/calls';
import { faultTally } from '../support/fault-tally';
import {
  jobUrl,
  lineSignature,
  lineWebhookBody,
  livekitAuthorization,
  postJob,
  postLineWebhook,
  postLivekitWebhook,
  qstashSignature,
  qstashSignatureWith,
  rowCounts,
  type JobName,
} from '../support/signed-deliveries';
import { useTestEnvironment } from '../support/use-test-environment';

const tally = faultTally(import.meta.url);
const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });
const target = { livekitCall: '', lineCall: '', timeoutCall: '', retryId: '' };

beforeAll(async () => {
  const { alice, bob, carol } = env.users;
  // Carol misses an agent call and asks to be called again: a retry row waits for its job.
  const agentCall = (await (await callMeNow(env, carol)).json()).agentCall;
  await env.qstash.advance(60);
  await env.api(`/api/agent-calls/${agentCall.sid}`, {
    as: carol,
    body: { action: 'schedule-retry' },
  });
  const { rows } = await env.db.query(
    `SELECT id::text FROM agent_call_retry_queue WHERE original_sid = $1`,
    [agentCall.sid],
  );
  target.retryId = rows[0].id;
  target.livekitCall = await startedCallId(env, alice, bob);
  target.lineCall = await startedCallId(env, carol, alice);
  target.timeoutCall = await startedCallId(env, bob, carol);
});

type Attempt = [name: string, send: () => Promise<Response>];

/** Sends each forgery; all must be 401 with a JSON error, and no table may gain or lose a row. */
async function expectAllRefused(attempts: Attempt[]) {
  const before = await rowCounts(env);
  const pushesBefore = env.line.pushes().length;
  const jobsBefore = env.qstash.messages().length;
  const answers: Record<string, unknown> = {};
  for (const [name, send] of attempts) {
    const response = await send();
    tally.requests();
    const body = await response.json().catch(() => undefined);
    const refused =
      response.status === 401 &&
      typeof body?.error?.code === 'string' &&
      typeof body?.error?.message === 'string';
    answers[name] = refused ? 'refused' : { status: response.status, body };
  }
  const after = await rowCounts(env);
  // A forgery must leave nothing: every row, push and job it added (or removed) is counted.
  for (const table of Object.keys(before)) {
    tally.effects({ expected: before[table]!, found: after[table]! });
  }
  tally.effects({ expected: pushesBefore, found: env.line.pushes().length });
  tally.effects({ expected: jobsBefore, found: env.qstash.messages().length });
  tally.failures(Object.values(answers).filter((a) => a !== 'refused').length);
  expect(answers).toEqual(Object.fromEntries(attempts.map(([name]) => [name, 'refused'])));
  expect(after).toEqual(before);
}

async function expectAccepted(send: () => Promise<Response>) {
  const response = await send();
  tally.requests();
  expect(response.status).toBe(200);
}

describe('LiveKit webhook (Authorization JWT with the body sha256)', () => {
  test('forged, tampered, expired and replayed-with-another-body are refused; the genuine one applies once', async () => {
    const { alice, bob } = env.users;
    const room = { name: `call-${target.livekitCall}` };
    const genuine = await env.livekit.signWebhook({
      event: 'participant_left',
      id: `EV_${randomUUID()}`,
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
      room,
      participant: { identity: await env.roomIdentityOf(alice) },
    });
    const other = await env.livekit.signWebhook({
      event: 'participant_joined',
      id: `EV_${randomUUID()}`,
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
      room,
      participant: { identity: await env.roomIdentityOf(bob) },
    });
    const body = genuine.body;
    const send =
      (authorization?: string, payload = body) =>
      () =>
        postLivekitWebhook(env, payload, authorization);
    const unsecured = [
      { alg: 'none', typ: 'JWT' },
      { iss: process.env.LIVEKIT_API_KEY, sha256: sha256(body, 'base64'), exp: 4102444800 },
    ].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'));

    await expectAllRefused([
      ['no Authorization', send()],
      ['not a JWT', send('not-a-jwt')],
      [
        'signed with another secret',
        send(await livekitAuthorization(body, { secret: 'x'.repeat(32) })),
      ],
      [
        'signed for another API key',
        send(await livekitAuthorization(body, { apiKey: 'APIother' })),
      ],
      ['expired five minutes ago', send(await livekitAuthorization(body, { ttl: '-5m' }))],
      ['unsigned (alg none)', send(`${unsecured.join('.')}.`)],
      [
        'tampered: body changed after signing',
        send(genuine.authorization, body.replace('participant_left', 'room_finished')),
      ],
      ['replayed with another body', send(other.authorization)],
    ]);
    expect(await statusOf(env, target.livekitCall)).toBe('ringing');

    // Signed by this suite's own signer, so the forgeries above differ from it in one way only.
    await expectAccepted(send(await livekitAuthorization(body)));
    expect(await statusOf(env, target.livekitCall)).toBe('canceled');
    const before = await rowCounts(env);
    await expectAccepted(send(genuine.authorization)); // an exact replay: acknowledged, no effect
    expect(await rowCounts(env)).toEqual(before);
  });
});

describe('LINE webhook (x-line-signature)', () => {
  test('forged, tampered and replayed-with-another-body are refused; the genuine one applies once', async () => {
    const { alice } = env.users;
    const body = lineWebhookBody({
      type: 'postback',
      replyToken: randomBytes(16).toString('hex'),
      source: { type: 'user', userId: alice.userId },
      postback: { data: `action=decline-call&call=${target.lineCall}` },
    });
    const follow = lineWebhookBody({
      type: 'follow',
      source: { type: 'user', userId: alice.userId },
    });
    const send =
      (signature?: string, payload = body) =>
      () =>
        postLineWebhook(env, payload, signature);
    const hex = Buffer.from(lineSignature(body), 'base64').toString('hex');

    await expectAllRefused([
      ['no signature', send()],
      ['empty signature', send('')],
      ['forged: random bytes', send(randomBytes(32).toString('base64'))],
      ['signed with another channel secret', send(lineSignature(body, 'another-channel-secret'))],
      ['the right digest, hex instead of base64', send(hex)],
      [
        'tampered: body changed after signing',
        send(lineSignature(body), body.replace('decline-call', 'decline-call&x=1')),
      ],
      ['replayed with another body', send(lineSignature(follow))],
    ]);
    expect(await statusOf(env, target.lineCall)).toBe('ringing');

    await expectAccepted(send(lineSignature(body)));
    expect(await statusOf(env, target.lineCall)).toBe('declined');
    const before = await rowCounts(env);
    await expectAccepted(send(lineSignature(body)));
    expect(await rowCounts(env)).toEqual(before);
  });
});

describe('QStash jobs (Upstash-Signature)', () => {
  const forgeries = async (job: JobName, body: string, other: string): Promise<Attempt[]> => {
    const url = jobUrl(env.url, job);
    const now = Math.floor(Date.now() / 1000);
    const send =
      (signature?: string, payload = body) =>
      () =>
        postJob(env, job, payload, signature);
    const otherJob = job === 'ring-timeout' ? 'execute-retry' : 'ring-timeout';
    return [
      ['no signature', send()],
      ['not a JWT', send('forged')],
      ['signed with another key', send(await qstashSignature(url, body, `sig_${'x'.repeat(30)}`))],
      ['expired a minute ago', send(await qstashSignatureWith(url, body, { exp: now - 60 }))],
      ['not valid for two minutes', send(await qstashSignatureWith(url, body, { nbf: now + 120 }))],
      ['issued by someone else', send(await qstashSignatureWith(url, body, { iss: 'NotUpstash' }))],
      ['for another job URL', send(await qstashSignature(jobUrl(env.url, otherJob), body))],
      [
        'for another host',
        send(await qstashSignature(`https://evil.example/api/jobs/${job}`, body)),
      ],
      [
        'with the hash of another body',
        send(await qstashSignatureWith(url, body, { bodyHash: sha256(other, 'base64url') })),
      ],
      ['replayed with another body', send(await qstashSignature(url, other))],
      ['tampered: body changed after signing', send(await qstashSignature(url, body), other)],
    ];
  };

  test('ring-timeout: every forgery is refused; the genuine job misses the call once', async () => {
    const body = JSON.stringify({ callId: target.timeoutCall });
    const other = JSON.stringify({ callId: target.livekitCall });
    await expectAllRefused(await forgeries('ring-timeout', body, other));
    expect(await statusOf(env, target.timeoutCall)).toBe('ringing');

    const url = jobUrl(env.url, 'ring-timeout');
    await expectAccepted(async () =>
      postJob(env, 'ring-timeout', body, await qstashSignature(url, body)),
    );
    expect(await statusOf(env, target.timeoutCall)).toBe('missed');
    const before = await rowCounts(env);
    // A redelivery, signed by this suite's own signer (the one the forgeries above vary).
    await expectAccepted(async () =>
      postJob(env, 'ring-timeout', body, await qstashSignatureWith(url, body, {})),
    );
    expect(await rowCounts(env)).toEqual(before);
  });

  test('execute-retry: every forgery is refused; the genuine job calls back once', async () => {
    const body = JSON.stringify({ retryId: target.retryId });
    const other = JSON.stringify({ retryId: String(Number(target.retryId) + 1000) });
    await expectAllRefused(await forgeries('execute-retry', body, other));
    const status = async () =>
      (
        await env.db.query(`SELECT status FROM agent_call_retry_queue WHERE id = $1`, [
          target.retryId,
        ])
      ).rows[0].status;
    expect(await status()).toBe('scheduled');

    const url = jobUrl(env.url, 'execute-retry');
    await expectAccepted(async () =>
      postJob(env, 'execute-retry', body, await qstashSignature(url, body)),
    );
    expect(await status()).toBe('executed');
    const before = await rowCounts(env);
    // A redelivery, signed by this suite's own signer (the one the forgeries above vary).
    await expectAccepted(async () =>
      postJob(env, 'execute-retry', body, await qstashSignatureWith(url, body, {})),
    );
    expect(await rowCounts(env)).toEqual(before);
  });
});

const sha256 = (text: string, encoding: 'base64' | 'base64url') =>
  createHash('sha256').update(text).digest(encoding);
