/**
 * The 5xx answers the bad-request corpus (bad-requests.test.ts) ran into, each pinned down as a
 * request of its own: values Postgres refuses, signed callbacks with impossible fields, malformed
 * paths, and an oversized body streamed without Content-Length.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { DevUser } from '../../dev/dev-users';
import { API_KEY } from '../support/agent-calls';
import { sendRequest, type RequestSpec } from '../support/bad-request-corpus';
import { startedCallId } from '../support/calls';
import { faultTally } from '../support/fault-tally';
import {
  lineSignature,
  lineWebhookBody,
  postLineWebhook,
  postLivekitWebhook,
} from '../support/signed-deliveries';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const tally = faultTally(import.meta.url);
const env = useTestEnvironment({
  signIn: ['alice', 'bob', 'carol'],
  env: { AGENT_API_KEY: API_KEY },
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
          answers.push(
            (await sendRequest(env.url, oversized('/api/jobs/execute-retry', body), 2_000)).status,
          );
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
