import { HTTPFetchError, messagingApi, validateSignature } from '@line/bot-sdk';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { DEV_USERS } from '../../dev/dev-users';
import { createLineStandIn, type LineStandIn } from '../../dev/line-stand-in';
import { localLink } from '../../dev/line-message-html';
import { serveOnLoopback, type LoopbackServer } from '../../dev/serve-stand-in';

const TOKEN = 'test-channel-access-token';
const SECRET = 'test-channel-secret';
const [alice, bob] = DEV_USERS as [(typeof DEV_USERS)[0], (typeof DEV_USERS)[0]];

let line: LineStandIn;
let lineServer: LoopbackServer;
let app: LoopbackServer;
let client: messagingApi.MessagingApiClient;
const webhooks: { path: string; headers: Headers; raw: string }[] = [];

beforeAll(async () => {
  app = await serveOnLoopback(async (request) => {
    webhooks.push({
      path: new URL(request.url).pathname,
      headers: request.headers,
      raw: await request.text(),
    });
    return new Response(null, { status: 200 });
  });
  line = await createLineStandIn({
    channelAccessToken: TOKEN,
    channelSecret: SECRET,
    appOrigin: app.origin,
  });
  lineServer = await serveOnLoopback(line.handle);
  client = new messagingApi.MessagingApiClient({
    channelAccessToken: TOKEN,
    baseURL: lineServer.origin,
  });
});
afterAll(async () => {
  await lineServer?.close();
  await app?.close();
});
beforeEach(() => {
  line.reset();
  webhooks.length = 0;
});

const text = (value: string): messagingApi.Message => ({ type: 'text', text: value });

/** What the SDK throws for a non-2xx answer. */
async function rejection(promise: Promise<unknown>): Promise<HTTPFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HTTPFetchError);
  return error as HTTPFetchError;
}

test('a push retried with an accepted retry key is recorded once; the retry answers 409', async () => {
  const retryKey = randomUUID();
  const first = await client.pushMessageWithHttpInfo(
    { to: bob.userId, messages: [text('Incoming call')] },
    retryKey,
  );
  expect(first.body.sentMessages).toHaveLength(1);
  expect(first.body.sentMessages[0]).toMatchObject({ id: expect.stringMatching(/^\d{18}$/) });
  const requestId = first.httpResponse.headers.get('x-line-request-id');
  expect(requestId).toBeTruthy();

  const conflict = await rejection(
    client.pushMessage({ to: bob.userId, messages: [text('Incoming call')] }, retryKey),
  );
  expect(conflict.status).toBe(409);
  expect(conflict.headers.get('x-line-accepted-request-id')).toBe(requestId);
  expect(JSON.parse(conflict.body)).toEqual({
    message: 'The retry key is already accepted',
    sentMessages: first.body.sentMessages,
  });
  expect(line.pushes()).toHaveLength(1);
  expect(line.pushes(bob.userId)[0]).toMatchObject({ retryKey, messages: [text('Incoming call')] });
  expect(line.pushes(alice.userId)).toEqual([]);
});

test('the SDK drops a base URL path, and the stand-in answers either way', async () => {
  const prefixed = new messagingApi.MessagingApiClient({
    channelAccessToken: TOKEN,
    baseURL: `${lineServer.origin}/__dev/line`,
  });
  await prefixed.pushMessage({ to: bob.userId, messages: [text('hi')] });
  const response = await fetch(`${lineServer.origin}/__dev/line/v2/bot/message/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to: bob.userId, messages: [text('hi again')] }),
  });
  expect(response.status).toBe(200);
  expect(line.pushes(bob.userId)).toHaveLength(2);
});

test('a wrong or missing token is a LINE-style 401; a malformed body a 400 with details', async () => {
  const stranger = new messagingApi.MessagingApiClient({
    channelAccessToken: 'not-the-token',
    baseURL: lineServer.origin,
  });
  const unauthorized = await rejection(
    stranger.pushMessage({ to: bob.userId, messages: [text('hi')] }),
  );
  expect(unauthorized.status).toBe(401);
  expect(JSON.parse(unauthorized.body).message).toMatch(/^Authentication failed/);

  const tooMany = await rejection(
    client.pushMessage({ to: bob.userId, messages: Array.from({ length: 6 }, () => text('x')) }),
  );
  expect(tooMany.status).toBe(400);
  expect(JSON.parse(tooMany.body).details).toEqual([
    { message: 'Size must be between 1 and 5', property: 'messages' },
  ]);
  const noAltText = await rejection(
    client.pushMessage({
      to: bob.userId,
      messages: [{ type: 'flex', contents: { type: 'bubble' } } as messagingApi.Message],
    }),
  );
  expect(JSON.parse(noAltText.body).details).toEqual([
    { message: 'Must not be empty', property: 'messages[0].altText' },
  ]);
  const badRecipient = await rejection(client.pushMessage({ to: 'bob', messages: [text('x')] }));
  expect(badRecipient.status).toBe(400);
  expect(line.pushes()).toEqual([]);
});

test('queued faults: two 429s, then a 500, then the same retry key goes through', async () => {
  line.failNextPushes({ status: 429, count: 2 });
  line.failNextPushes({ status: 500 });
  const retryKey = randomUUID();
  const push = () => client.pushMessage({ to: bob.userId, messages: [text('ring')] }, retryKey);

  for (const expected of [429, 429]) {
    const error = await rejection(push());
    expect(error.status).toBe(expected);
    expect(JSON.parse(error.body)).toEqual({
      message: 'The API rate limit has been exceeded. Try again later.',
    });
  }
  expect((await rejection(push())).status).toBe(500);
  expect(line.pushes()).toEqual([]);
  await push();
  expect(line.pushes()).toHaveLength(1);
});

test('an answer lost after LINE accepted the push: the retry with the same key is a 409', async () => {
  line.failNextPushes({ status: 500, accepted: true });
  const retryKey = randomUUID();
  const push = () => client.pushMessage({ to: bob.userId, messages: [text('ring')] }, retryKey);
  expect((await rejection(push())).status).toBe(500);
  expect((await rejection(push())).status).toBe(409);
  expect(line.pushes()).toHaveLength(1);
});

test('a delayed push answers after the delay', async () => {
  line.delayNextPushes(150);
  const started = performance.now();
  await client.pushMessage({ to: bob.userId, messages: [text('slow')] });
  expect(performance.now() - started).toBeGreaterThanOrEqual(140);
});

test('faults and pushes over HTTP, for the dev server', async () => {
  const queued = await fetch(`${lineServer.origin}/__dev/line/faults`, {
    method: 'POST',
    body: JSON.stringify({ status: 429, message: 'You have reached your monthly limit.' }),
  });
  expect(await queued.json()).toEqual({ queued: 1 });
  const quota = await rejection(client.pushMessage({ to: bob.userId, messages: [text('a')] }));
  expect(JSON.parse(quota.body).message).toBe('You have reached your monthly limit.');

  await client.pushMessage({ to: bob.userId, messages: [text('b')] });
  await client.pushMessage({ to: alice.userId, messages: [text('c')] });
  const { pushes } = await (
    await fetch(`${lineServer.origin}/__dev/line/pushes?to=${bob.userId}`)
  ).json();
  expect(pushes.map((p: { messages: { text: string }[] }) => p.messages[0]!.text)).toEqual(['b']);
});

test('a postback reaches the app signed the way @line/bot-sdk validates', async () => {
  const answer = await line.postback(bob.userId, 'action=decline&call=42');
  expect(answer.status).toBe(200);
  expect(webhooks).toHaveLength(1);
  const [delivery] = webhooks as [(typeof webhooks)[0]];
  expect(delivery.path).toBe('/api/webhooks/line');
  const signature = delivery.headers.get('x-line-signature')!;
  expect(validateSignature(delivery.raw, SECRET, signature)).toBe(true);
  expect(validateSignature(delivery.raw, 'another-secret', signature)).toBe(false);
  const body = JSON.parse(delivery.raw);
  expect(body.destination).toMatch(/^U[0-9a-f]{32}$/);
  expect(body.events).toEqual([
    {
      type: 'postback',
      postback: { data: 'action=decline&call=42' },
      source: { type: 'user', userId: bob.userId },
      replyToken: expect.stringMatching(/^[0-9a-f]{32}$/),
      webhookEventId: expect.stringMatching(/^[0-9A-Z]{26}$/),
      deliveryContext: { isRedelivery: false },
      timestamp: expect.any(Number),
      mode: 'active',
    },
  ]);
});

test('POST /webhook delivers follow/unfollow events and reports the app answer', async () => {
  const response = await fetch(`${lineServer.origin}/__dev/line/webhook`, {
    method: 'POST',
    body: JSON.stringify({
      events: [
        { type: 'follow', source: { type: 'user', userId: alice.userId } },
        { type: 'unfollow', source: { type: 'user', userId: bob.userId } },
      ],
    }),
  });
  expect(await response.json()).toEqual({ status: 200, body: '' });
  const { events } = JSON.parse(webhooks[0]!.raw);
  expect(events[0]).toMatchObject({ type: 'follow', follow: { isUnblocked: false } });
  expect(events[0].replyToken).toBeDefined();
  expect(events[1].replyToken).toBeUndefined();
});

test('the inbox shows Flex and template pushes with working links and postback buttons', async () => {
  await client.pushMessage({
    to: bob.userId,
    messages: [
      {
        type: 'flex',
        altText: 'Incoming call from Alice',
        contents: {
          type: 'bubble',
          header: {
            type: 'box',
            layout: 'vertical',
            contents: [{ type: 'text', text: 'Alice <3' }],
          },
          footer: {
            type: 'box',
            layout: 'horizontal',
            contents: [
              {
                type: 'button',
                style: 'primary',
                action: {
                  type: 'uri',
                  label: 'Accept',
                  uri: 'https://liff.line.me/123-abc/call/7?autoAccept=1',
                },
              },
              {
                type: 'button',
                action: { type: 'postback', label: 'Decline', data: 'action=decline&call=7' },
              },
            ],
          },
        },
      },
      {
        type: 'template',
        altText: 'Missed call',
        template: {
          type: 'buttons',
          text: 'You missed a call',
          actions: [{ type: 'postback', label: 'Call me again in 5 minutes', data: 'retry=1' }],
        },
      },
    ],
  });
  const response = await fetch(`${lineServer.origin}/__dev/line/inbox?user=${bob.userId}`);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain('Alice &#60;3');
  expect(html).toContain(`href="${app.origin}/call/7?autoAccept=1"`);
  expect(html).toContain('data-postback="action=decline&#38;call=7"');
  expect(html).toContain('data-postback="retry=1"');
  expect(html).toContain('You missed a call');
  expect(html).toContain(`?user=${alice.userId}`);
  expect((await fetch(`${lineServer.origin}/__dev/line/inbox?user=Unobody`)).status).toBe(404);
});

test.each([
  ['https://liff.line.me/123-abc/call/7?autoAccept=1', 'http://app.test/call/7?autoAccept=1'],
  ['https://liff.line.me/123-abc', 'http://app.test/'],
  ['https://liff.line.me/123-abc?liff.state=%2Fhistory%3Fx%3D1', 'http://app.test/history?x=1'],
  ['line://app/123-abc/agent-call/s1', 'http://app.test/agent-call/s1'],
  ['https://example.com/a', 'https://example.com/a'],
  ['line://nv/chat', undefined],
])('localLink(%s) → %s', (uri, expected) => {
  expect(localLink(uri, 'http://app.test')).toBe(expected);
});

test('the login routes still answer under the prefix', async () => {
  const certs = await (await fetch(`${lineServer.origin}/__dev/line/oauth2/v2.1/certs`)).json();
  expect(certs.keys[0]).toMatchObject({ alg: 'ES256', use: 'sig', kty: 'EC' });
  expect(certs.keys[0].d).toBeUndefined();
});
