import { Client, QstashError, Receiver } from '@upstash/qstash';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  parseDurationSeconds,
  qstashBackoffSeconds,
  readPublishHeaders,
} from '../../dev/qstash-protocol';
import { createQStashStandIn, type QStashStandIn } from '../../dev/qstash-stand-in';
import { serveOnLoopback, type LoopbackServer } from '../../dev/serve-stand-in';

const TOKEN = 'test-qstash-token';
const CURRENT = 'sig_testCurrentKey';
const NEXT = 'sig_testNextKey';

interface Received {
  headers: Headers;
  body: string;
  verified: boolean;
}

let qstash: QStashStandIn;
let qstashServer: LoopbackServer;
let app: LoopbackServer;
let client: Client;
let received: Received[] = [];
/** Statuses the app answers, in order; 200 once they run out. */
let answers: number[] = [];
/** The keys the app verifies with, as it would hold them in its environment. */
let appKeys = { currentSigningKey: CURRENT, nextSigningKey: NEXT };

beforeAll(async () => {
  app = await serveOnLoopback(async (request) => {
    const body = await request.text();
    const verified = await new Receiver(appKeys)
      .verify({ signature: request.headers.get('upstash-signature') ?? '', body, url: request.url })
      .catch(() => false);
    received.push({ headers: request.headers, body, verified });
    return new Response(verified ? 'ok' : 'bad signature', {
      status: verified ? (answers.shift() ?? 200) : 401,
    });
  });
});
beforeEach(async () => {
  qstash = createQStashStandIn({ token: TOKEN, currentSigningKey: CURRENT, nextSigningKey: NEXT });
  qstashServer = await serveOnLoopback(qstash.handle);
  client = new Client({
    baseUrl: `${qstashServer.origin}/__dev/qstash`,
    token: TOKEN,
    retry: false,
  });
  received = [];
  answers = [];
  appKeys = { currentSigningKey: CURRENT, nextSigningKey: NEXT };
});
afterEach(async () => {
  await qstash.close();
  await qstashServer.close();
});
afterAll(async () => {
  await app?.close();
});

const job = (name: string) => `${app.origin}/api/jobs/${name}`;

test('a delayed, deduplicated publish is delivered once, when due, verifiable by the real Receiver', async () => {
  const publish = () =>
    client.publishJSON({
      url: job('ring-timeout'),
      body: { callId: 'c1' },
      delay: 60,
      deduplicationId: 'ring-timeout-c1',
      headers: { 'x-call-id': 'c1' },
    });
  const first = await publish();
  const second = await publish();
  expect(first).toEqual({ messageId: expect.stringMatching(/^msg_/), url: job('ring-timeout') });
  expect(second).toEqual({ ...first, deduplicated: true });
  expect(qstash.messages()).toHaveLength(1);

  expect(await qstash.advance(59)).toEqual([]);
  expect(received).toEqual([]);
  const attempts = await qstash.advance(1);
  expect(attempts).toMatchObject([
    { messageId: first.messageId, retried: 0, status: 200, body: 'ok' },
  ]);
  expect(received).toHaveLength(1);
  const [delivery] = received as [Received];
  expect(delivery.verified).toBe(true);
  expect(JSON.parse(delivery.body)).toEqual({ callId: 'c1' });
  expect(delivery.headers.get('content-type')).toBe('application/json');
  expect(delivery.headers.get('x-call-id')).toBe('c1');
  expect(delivery.headers.get('upstash-message-id')).toBe(first.messageId);
  expect(delivery.headers.get('upstash-retried')).toBe('0');
  expect(qstash.messages()[0]).toMatchObject({ state: 'delivered', dueAt: null });

  await qstash.advance(3600);
  expect(received).toHaveLength(1);
});

test('signatures verify with the current key, and with the next one after a key roll', async () => {
  await client.publishJSON({ url: job('a'), body: {} });
  await qstash.deliverDue();
  qstash.rollSigningKeys();
  expect(qstash.signingKeys().current).toBe(NEXT);
  await client.publishJSON({ url: job('b'), body: {} });
  await qstash.deliverDue();
  expect(received.map((r) => r.verified)).toEqual([true, true]);

  appKeys = { currentSigningKey: CURRENT, nextSigningKey: 'sig_somethingElse' };
  await client.publishJSON({ url: job('c'), body: {} });
  await qstash.deliverDue();
  expect(received[2]!.verified).toBe(false);
});

test('a failing destination is retried with QStash backoff, then moved to the DLQ', async () => {
  answers = [500, 500, 503, 500];
  const { messageId } = await client.publishJSON({ url: job('execute-retry'), body: { n: 1 } });
  expect(await qstash.deliverDue()).toMatchObject([{ retried: 0, status: 500 }]);
  expect(qstash.messages()[0]).toMatchObject({ state: 'failed', attempts: [{ status: 500 }] });

  expect(await qstash.advance(12)).toEqual([]);
  expect(await qstash.advance(1)).toMatchObject([{ retried: 1, status: 500 }]);
  const rest = await qstash.advance(86_400);
  expect(rest.map((a) => [a.retried, a.status])).toEqual([
    [2, 503],
    [3, 500],
  ]);
  expect(received.map((r) => r.headers.get('upstash-retried'))).toEqual(['0', '1', '2', '3']);
  expect(qstash.messages({ state: 'dlq' })).toMatchObject([{ messageId, dueAt: null }]);
});

test('Upstash-Retries bounds the attempts; a network error counts as a failure', async () => {
  const closed = await serveOnLoopback(() => new Response(null));
  await closed.close();
  await client.publishJSON({ url: `${closed.origin}/api/jobs/x`, body: {}, retries: 1 });
  const attempts = await qstash.advance(3600);
  expect(attempts).toMatchObject([
    { retried: 0, status: null, error: expect.stringMatching(/fetch failed/) },
    { retried: 1, status: null },
  ]);
  expect(qstash.messages()[0]).toMatchObject({ state: 'dlq', maxRetries: 1 });
});

test('duplicateNextDelivery sends one message twice, as QStash may', async () => {
  const { messageId } = await client.publishJSON({ url: job('ring-timeout'), body: { c: 2 } });
  qstash.duplicateNextDelivery();
  await qstash.deliverDue();
  expect(received.map((r) => r.headers.get('upstash-message-id'))).toEqual([messageId, messageId]);
  expect(received.every((r) => r.verified)).toBe(true);
  expect(qstash.messages()[0]).toMatchObject({ state: 'delivered' });
  expect(qstash.messages()[0]!.attempts).toHaveLength(2);
});

test('a duplicated failing delivery still counts as one retry', async () => {
  answers = [500, 500, 200];
  await client.publishJSON({ url: job('ring-timeout'), body: {} });
  qstash.duplicateNextDelivery({ concurrently: true });
  await qstash.deliverDue();
  await qstash.advance(13);
  expect(received.map((r) => r.headers.get('upstash-retried'))).toEqual(['0', '0', '1']);
  expect(qstash.messages()[0]).toMatchObject({ state: 'delivered' });
});

test('Upstash-Not-Before wins over a delay; content-based deduplication needs no id', async () => {
  const notBefore = Math.floor(qstash.now() / 1000) + 30;
  await client.publishJSON({ url: job('a'), body: { x: 1 }, delay: 5, notBefore });
  const one = await client.publishJSON({
    url: job('b'),
    body: { y: 1 },
    contentBasedDeduplication: true,
  });
  const two = await client.publishJSON({
    url: job('b'),
    body: { y: 1 },
    contentBasedDeduplication: true,
  });
  const three = await client.publishJSON({
    url: job('b'),
    body: { y: 2 },
    contentBasedDeduplication: true,
  });
  expect(two).toMatchObject({ messageId: one.messageId, deduplicated: true });
  expect(three.messageId).not.toBe(one.messageId);

  expect((await qstash.advance(29)).map((a) => a.messageId)).toEqual([
    one.messageId,
    three.messageId,
  ]);
  expect(await qstash.advance(1)).toHaveLength(1);
});

test('a wrong token is refused, and the SDK throws a QstashError', async () => {
  const stranger = new Client({
    baseUrl: `${qstashServer.origin}/__dev/qstash`,
    token: 'nope',
    retry: false,
  });
  const error = await stranger.publishJSON({ url: job('a'), body: {} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QstashError);
  expect((error as QstashError).status).toBe(401);
  expect(qstash.messages()).toEqual([]);
});

test('the clock and the messages over HTTP, for the dev server', async () => {
  await client.publishJSON({ url: job('a'), body: {}, delay: '1m' });
  const before = await (await fetch(`${qstashServer.origin}/__dev/qstash/messages`)).json();
  expect(before.messages).toMatchObject([{ state: 'scheduled', url: job('a') }]);
  const advanced = await fetch(`${qstashServer.origin}/__dev/qstash/advance`, {
    method: 'POST',
    body: JSON.stringify({ seconds: 60 }),
  });
  expect((await advanced.json()).attempts).toMatchObject([{ status: 200 }]);
  const after = await (
    await fetch(`${qstashServer.origin}/__dev/qstash/messages?state=delivered`)
  ).json();
  expect(after.messages).toHaveLength(1);
});

test('with tickMs the stand-in delivers on its own, by the wall clock', async () => {
  const ticking = createQStashStandIn({
    token: TOKEN,
    currentSigningKey: CURRENT,
    nextSigningKey: NEXT,
    tickMs: 20,
  });
  const server = await serveOnLoopback(ticking.handle);
  try {
    const ticked = new Client({
      baseUrl: `${server.origin}/__dev/qstash`,
      token: TOKEN,
      retry: false,
    });
    await ticked.publishJSON({ url: job('now'), body: {} });
    await expect.poll(() => received.length, { timeout: 2000, interval: 10 }).toBe(1);
    expect(received[0]!.verified).toBe(true);
  } finally {
    await ticking.close();
    await server.close();
  }
});

test.each([
  [1, 12.18],
  [2, 148.41],
  [3, 1808.04],
  [6, 86_400],
])('qstashBackoffSeconds(%i) ≈ %d', (retry, seconds) => {
  expect(qstashBackoffSeconds(retry)).toBeCloseTo(seconds, 1);
});

test.each([
  ['60s', 60],
  ['5m', 300],
  ['1h30m', 5400],
  ['1d', 86_400],
  ['45', 45],
  ['1.5h', undefined],
  ['soon', undefined],
])('parseDurationSeconds(%s) = %s', (value, seconds) => {
  expect(parseDurationSeconds(value)).toBe(seconds);
});

test.each([
  [
    { 'upstash-delay': '60s', 'upstash-method': 'POST' },
    { delaySeconds: 60, method: 'POST' },
  ],
  [
    { 'upstash-not-before': '1700000000', 'upstash-retries': '0' },
    { notBefore: 1_700_000_000, retries: 0 },
  ],
  [
    {
      'content-type': 'application/json',
      'upstash-forward-x-call-id': 'c1',
      'upstash-telemetry-sdk': 'x',
    },
    { headers: { 'content-type': 'application/json', 'x-call-id': 'c1' } },
  ],
  [{ 'upstash-content-based-deduplication': 'true' }, { contentBasedDeduplication: true }],
  [{ 'upstash-deduplication-id': 'ring-timeout_c1' }, { deduplicationId: 'ring-timeout_c1' }],
  [{ 'upstash-deduplication-id': 'ring-timeout:c1' }, "DeduplicationId cannot contain ':'"],
  [{ 'upstash-delay': 'soon' }, 'invalid Upstash-Delay: soon'],
  [{ 'upstash-retries': '-1' }, 'invalid upstash-retries: -1'],
  [
    { 'upstash-callback': 'https://x' },
    'upstash-callback is not supported by the local QStash stand-in.',
  ],
])('readPublishHeaders(%j)', (headers, expected) => {
  const parsed = readPublishHeaders(new Headers(headers));
  if (typeof expected === 'string') expect(parsed).toBe(expected);
  else expect(parsed).toMatchObject(expected);
});
