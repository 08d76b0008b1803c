import { afterAll, beforeAll, expect, test } from 'vitest';
import { PortInUse, startDevServer, type DevServer } from '../../dev/server';

let server: DevServer;
const saved = { ...process.env };
beforeAll(async () => {
  for (const name of ['DATABASE_URL', 'POSTGRES_URL', 'LINE_LOGIN_CHANNEL_ID', 'LINE_JWKS_URL']) {
    delete process.env[name];
  }
  server = await startDevServer({ port: 0, dataDir: null, prod: true, quiet: true });
});
afterAll(async () => {
  await server?.close();
  process.env = saved;
});

test('runs on embedded defaults: PGlite and the LINE stand-in, reported by /api/health', async () => {
  const response = await fetch(`${server.url}/api/health`);
  expect(await response.json()).toMatchObject({
    status: 'ok',
    database: { status: 'up', kind: 'pglite (local stand-in)' },
    services: { line: 'stand-in' },
  });
});

test('a dev login is a LINE-shaped ID token the real verification accepts', async () => {
  const { users } = await (await fetch(`${server.url}/__dev/line/users`)).json();
  expect(users.map((user: { displayName: string }) => user.displayName)).toEqual([
    'Alice',
    'Bob',
    'Carol',
  ]);
  const { idToken } = await (
    await fetch(`${server.url}/__dev/line/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: users[1].userId }),
    })
  ).json();
  const response = await fetch(`${server.url}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${idToken}` },
    body: JSON.stringify({ room: 'conf-th' }),
  });
  expect(response.status).toBe(200);
  const { identity, name } = await response.json();
  expect({ identity, name }).toEqual({ identity: expect.stringMatching(/^user-/), name: 'Bob' });
});

test('the dev users have contact ids: Alice rings Carol by hers, once she has opened the app', async () => {
  const { users } = await (await fetch(`${server.url}/__dev/line/users`)).json();
  const [alice, , carol] = users as { userId: string }[];
  const contactsNow = async () => {
    const response = await fetch(`${server.url}/__dev/contacts`);
    expect(response.status).toBe(200);
    const { contacts } = await response.json();
    return new Map<string, string>(
      contacts.map((c: { userId: string; contactId: string }) => [c.userId, c.contactId]),
    );
  };
  const contacts = await contactsNow();
  expect([...contacts.keys()]).toEqual(users.map((user: { userId: string }) => user.userId));
  expect(new Set(contacts.values()).size).toBe(3);
  const as = async (user: { userId: string }) => {
    const answer = await fetch(`${server.url}/__dev/line/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user.userId }),
    });
    return { authorization: `Bearer ${(await answer.json()).idToken}` };
  };
  const aliceCallsCarol = async () =>
    fetch(`${server.url}/api/calls`, {
      method: 'POST',
      headers: {
        ...(await as(alice!)),
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ calleeContactId: contacts.get(carol!.userId), media: 'audio' }),
    });

  // Listed with a contact id, but not ringable before opening the app herself.
  const before = await aliceCallsCarol();
  expect(before.status).toBe(404);
  expect((await before.json()).error.code).toBe('unknown_user');
  await fetch(`${server.url}/api/calls`, { headers: await as(carol!) });
  expect((await aliceCallsCarol()).status).toBe(201);
  expect(await contactsNow()).toEqual(contacts);
});

test('unknown functions and methods answer JSON errors, as on Vercel', async () => {
  const missing = await fetch(`${server.url}/api/nothing`);
  expect(missing.status).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');
  const wrongMethod = await fetch(`${server.url}/api/token`);
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get('allow')).toBe('POST');
});

test('a port in use is named, with how to choose another', async () => {
  const port = Number(new URL(server.url).port);
  const second = startDevServer({ port, dataDir: null, prod: true, quiet: true });
  await expect(second).rejects.toBeInstanceOf(PortInUse);
  await expect(second).rejects.toThrow(`Port ${port} is already in use`);
  await expect(second).rejects.toThrow(`PORT=${port + 1} npm run dev`);
});
