/**
 * Driving the call pages in the browser tests: their addresses, starting a call from People, the
 * call page's state, the API as a page calls it, the QStash clock, and reading the call as the
 * database has it.
 */
import { join } from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { RESULTS, type BrowserWorld, type DevUser } from './browser-world';

/**
 * An open page polls every 4 s while its room is not connected: time for two reads, and for a
 * page to load on a busy machine.
 */
export const FOLLOWS = { timeout: 10_000 };

export interface CallView {
  id: string;
  status: string;
  role: string;
  media: string;
  durationSeconds?: number | null;
  other: { contactId: string; displayName: string };
}

export const appUrl = (origin: string, path: string, user: DevUser) =>
  `${origin}${path}${path.includes('?') ? '&' : '?'}devUser=${user.displayName.toLowerCase()}`;

export const inboxUrl = (origin: string, user: DevUser) =>
  `${origin}/__dev/line/inbox?user=${user.userId}`;

export const statusOf = (page: Page) => page.getByTestId('call-page').getAttribute('data-status');
export const mediaOf = (page: Page) => page.getByTestId('call-page').getAttribute('data-media');

/**
 * On the history page: tap the person (People, or in dev before any call the other dev users),
 * then Video or Voice in the sheet.
 */
export async function startCallFromPeople(
  page: Page,
  name: string,
  media: 'video' | 'voice',
): Promise<CallView> {
  const people = page.locator('[data-testid=people], [data-testid=other-people]');
  await people.getByRole('button', { name }).first().click();
  const sheet = page.getByTestId('call-sheet');
  await sheet.waitFor();
  const started = page.waitForResponse(
    (r) => r.url().endsWith('/api/calls') && r.request().method() === 'POST',
  );
  await sheet.getByTestId(`start-${media}-call`).click();
  const response = await started;
  expect(response.status()).toBe(201);
  const { call } = (await response.json()) as { call: CallView };
  await page.waitForURL(`**/call/${call.id}`);
  return call;
}

/**
 * The API from inside `page`, signed in as `user` with a stand-in ID token as LIFF sends it: GET,
 * or POST with `body`.
 */
export const apiFromPage = <T>(
  page: Page,
  user: DevUser,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> =>
  page.evaluate(
    async ({ userId, path, body }) => {
      const tokenResponse = await fetch('/__dev/line/id-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId }),
      });
      const { idToken } = (await tokenResponse.json()) as { idToken: string };
      const response = await fetch(path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    { userId: user.userId, path, body },
  );

/** Moves the QStash stand-in's clock on by `seconds`, delivering what falls due. */
export async function advanceQstash(origin: string, seconds: number): Promise<void> {
  const advanced = await fetch(`${origin}/__dev/qstash/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  expect(advanced.status).toBe(200);
}

/** As startCallFromPeople, checking too that the start carried an Idempotency-Key (a UUID). */
export async function startKeyedCallFromPeople(
  page: Page,
  name: string,
  media: 'video' | 'voice',
): Promise<CallView> {
  const request = page.waitForRequest(
    (r) => r.url().endsWith('/api/calls') && r.method() === 'POST',
  );
  const call = await startCallFromPeople(page, name, media);
  expect((await request).headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  return call;
}

/** Headers that sign a request from node in as `user`, with a stand-in ID token. */
async function signedInAs(origin: string, user: DevUser): Promise<Record<string, string>> {
  const response = await fetch(`${origin}/__dev/line/id-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: user.userId }),
  });
  const { idToken } = (await response.json()) as { idToken: string };
  return { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' };
}

/**
 * The 1:1 call tests' helpers bound to their world, naming dev users by display name: addresses,
 * screenshots (test-results/calls-*), and GET /api/calls/:id from inside a page.
 */
export function callPagesOf(world: BrowserWorld) {
  const user = (name: string) => world.user(name);
  return {
    user,
    appUrl: (path: string, name: string) => appUrl(world.server.url, path, user(name)),
    inboxUrl: (name: string) => inboxUrl(world.server.url, user(name)),
    shot: (page: Page, name: string) =>
      page.screenshot({ path: join(RESULTS, `calls-${name}-375x667.png`) }),
    apiCall: async (page: Page, name: string, id: string) =>
      (await apiFromPage<{ call: CallView }>(page, user(name), `/api/calls/${id}`)).body.call,
  };
}

export interface AliceAndBob {
  alice: BrowserContext;
  bob: BrowserContext;
  alicePage: Page;
  bobPage: Page;
}

export interface AliceAndBobOptions {
  /** Done to each phone before its first page opens (the real-media tests record its WebRTC). */
  prepare?: (phone: BrowserContext) => Promise<void>;
  /** 2 unless said, as a phone's screenshots look; the real-media tests decode video at 1. */
  deviceScaleFactor?: number;
}

/**
 * Alice's and Bob's phones, a page open on each, filled in before the first test of the block. Bob
 * has opened the app once: only people the app knows can be rung. Before each test, no call of
 * Alice's is live (a test that failed half-way would turn the next start into a 409).
 */
export function useAliceAndBob(
  world: BrowserWorld,
  { prepare, deviceScaleFactor = 2 }: AliceAndBobOptions = {},
): AliceAndBob {
  const phones = {} as AliceAndBob;
  beforeAll(async () => {
    const newPhone = () => world.phone({ deviceScaleFactor });
    const [alice, bob] = await Promise.all([newPhone(), newPhone()]);
    if (prepare) await Promise.all([alice, bob].map(prepare));
    const [alicePage, bobPage] = await Promise.all([alice.newPage(), bob.newPage()]);
    Object.assign(phones, { alice, bob, alicePage, bobPage });
    await bobPage.goto(appUrl(world.server.url, '/history', world.user('Bob')));
    await bobPage.getByTestId('history-page').waitFor();
  });
  afterAll(async () => {
    await phones.alice?.close();
    await phones.bob?.close();
  });
  beforeEach(async () => {
    const origin = world.server.url;
    // A page left on the dev LINE inbox reloads itself when a push arrives (its 2 s poll), which
    // would interrupt the next test's first navigation: park both on a same-origin page without
    // scripts (tests fetch from a page's origin), trying again if a reload got in first.
    const park = (page: Page) =>
      page.goto(`${origin}/api/health`).catch(() => page.goto(`${origin}/api/health`));
    await Promise.all([park(phones.alicePage), park(phones.bobPage)]);
    const headers = await signedInAs(origin, world.user('Alice'));
    const { calls } = (await (await fetch(`${origin}/api/calls`, { headers })).json()) as {
      calls: CallView[];
    };
    for (const call of calls) {
      const action = { initiated: 'cancel', ringing: 'cancel', accepted: 'end', connected: 'end' }[
        call.status
      ];
      if (!action) continue;
      const by =
        call.role === 'caller' || action === 'end'
          ? headers
          : await signedInAs(origin, world.user(call.other.displayName));
      await fetch(`${origin}/api/calls/${call.id}`, {
        method: 'POST',
        headers: by,
        body: JSON.stringify({
          action: call.role === 'callee' && action === 'cancel' ? 'decline' : action,
        }),
      });
    }
  });
  return phones;
}

/**
 * Alice rings Bob from People; Bob taps Accept in his LINE message, which opens the call in a new
 * tab as LINE does. The call, and Bob's page of it.
 */
export async function acceptedInLine(
  world: BrowserWorld,
  { alicePage, bob }: AliceAndBob,
  media: 'video' | 'voice',
) {
  const origin = world.server.url;
  await alicePage.goto(appUrl(origin, '/history', world.user('Alice')));
  const call = await startCallFromPeople(alicePage, 'Bob', media);
  const inbox = await bob.newPage();
  await inbox.goto(inboxUrl(origin, world.user('Bob')));
  const [bobCall] = await Promise.all([
    bob.waitForEvent('page'),
    inbox.locator(`a[href*="/call/${call.id}"]`).click(),
  ]);
  await inbox.close();
  await bobCall.waitForURL((url) => url.pathname === `/call/${call.id}`);
  return { call, bobCall };
}

/** The API from node as `user`, signed in with a stand-in ID token: GET, or POST with `body`. */
export async function apiAs(
  origin: string,
  user: DevUser,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(await signedInAs(origin, user)), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Rows of the dev server's database (the env var it set), for assertions. */
export function callDatabase(): pg.Pool {
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
}
