/**
 * 1:1 calls in headless Chromium against the dev server (Vite + /api + the LINE and QStash
 * stand-ins, PGlite in a temp dir). Alice and Bob are two browser contexts, i.e. two phones; Bob
 * is rung through the LINE stand-in's inbox, as LINE would push to his phone.
 *
 * No livekit-server runs here, so there is no live channel between the two screens: an open page
 * learns of the other side's move by reading the API every few seconds while its room is not
 * connected (lib/use-follow-server.ts), so these tests wait rather than reload. The live path
 * (a real livekit-server deleting the room) is in tests/browser/real-media/.
 */
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { DevServer } from '../../dev/server';
import {
  canRunBrowserTests,
  PHONE,
  RESULTS,
  startBrowserWorld,
  type BrowserWorld,
  type DevUser,
} from '../support/browser-world';

/**
 * An open page polls every 4 s while its room is not connected: time for two reads, and for a
 * page to load on a busy machine.
 */
const FOLLOWS = { timeout: 10_000 };

interface CallView {
  id: string;
  status: string;
  role: string;
  media: string;
  other: { id: string; displayName: string };
}

describe.skipIf(!canRunBrowserTests)('1:1 calls in the browser', () => {
  let world: BrowserWorld;
  let server: DevServer;
  let browser: Browser;
  let users: DevUser[];

  beforeAll(async () => {
    world = await startBrowserWorld();
    ({ server, browser } = world);
    ({ users } = world);
  });

  afterAll(async () => {
    await world?.close();
  });

  const user = (name: string) => {
    const found = users.find((u) => u.displayName === name);
    if (!found) throw new Error(`No dev user ${name}`);
    return found;
  };
  const appUrl = (path: string, name: string) =>
    `${server.url}${path}${path.includes('?') ? '&' : '?'}devUser=${name.toLowerCase()}`;
  const inboxUrl = (name: string) => `${server.url}/__dev/line/inbox?user=${user(name).userId}`;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(RESULTS, `calls-${name}-375x667.png`) });

  const phone = (): Promise<BrowserContext> =>
    browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      permissions: ['camera', 'microphone'],
    });

  /** GET /api/calls/:id from inside the page, with the dev user's ID token as LIFF would send. */
  const apiCall = (page: Page, name: string, id: string): Promise<CallView> =>
    page.evaluate(
      async ({ userId, id }) => {
        const tokenResponse = await fetch('/__dev/line/id-token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId }),
        });
        const { idToken } = (await tokenResponse.json()) as { idToken: string };
        const response = await fetch(`/api/calls/${id}`, {
          headers: { authorization: `Bearer ${idToken}` },
        });
        return ((await response.json()) as { call: CallView }).call;
      },
      { userId: user(name).userId, id },
    );

  /**
   * On the history page: tap the person (People, or the dev users not called yet) and then Video
   * or Voice in the sheet.
   */
  const startCallFromPeople = async (page: Page, name: string, media: 'video' | 'voice') => {
    await page
      .locator('[data-testid=people], [data-testid=other-people]')
      .getByRole('button', { name })
      .click();
    const sheet = page.getByTestId('call-sheet');
    await sheet.waitFor();
    const started = page.waitForResponse(
      (r) => r.url().endsWith('/api/calls') && r.request().method() === 'POST',
    );
    await sheet.getByTestId(`start-${media}-call`).click();
    const response = await started;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const { call } = (await response.json()) as { call: CallView };
    await page.waitForURL(`**/call/${call.id}`);
    return call;
  };

  const advanceQstash = async (seconds: number) => {
    const advanced = await fetch(`${server.url}/__dev/qstash/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds }),
    });
    expect(advanced.status).toBe(200);
  };

  const statusOf = (page: Page) => page.getByTestId('call-page').getAttribute('data-status');
  /** The fake camera is live in the self view (before a screenshot). */
  const selfViewPlaying = (page: Page) =>
    page.waitForFunction(
      () =>
        (document.querySelector<HTMLVideoElement>('[data-testid=self-view]')?.readyState ?? 0) >= 2,
    );

  let alice: BrowserContext;
  let bob: BrowserContext;
  let alicePage: Page;
  let bobPage: Page;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([phone(), phone()]);
    [alicePage, bobPage] = await Promise.all([alice.newPage(), bob.newPage()]);
    // Bob has opened the app once: only people the app knows can be rung.
    await bobPage.goto(appUrl('/history', 'Bob'));
    await bobPage.getByTestId('history-page').waitFor();
  });

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
  });

  // A test that failed half-way leaves no live call behind to turn the next start into a 409.
  beforeEach(async () => {
    // A page left on the dev LINE inbox reloads itself when a push arrives (its 2 s poll), which
    // would interrupt the next test's first navigation: park both on a same-origin page without
    // scripts (tests fetch from a page's origin), trying again if a reload got in first.
    const park = (page: Page) =>
      page.goto(`${server.url}/api/health`).catch(() => page.goto(`${server.url}/api/health`));
    await Promise.all([park(alicePage), park(bobPage)]);
    const as = async (name: string) => {
      const response = await fetch(`${server.url}/__dev/line/id-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: user(name).userId }),
      });
      const { idToken } = (await response.json()) as { idToken: string };
      return { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' };
    };
    const headers = await as('Alice');
    const { calls } = (await (await fetch(`${server.url}/api/calls`, { headers })).json()) as {
      calls: CallView[];
    };
    for (const call of calls) {
      const action = { initiated: 'cancel', ringing: 'cancel', accepted: 'end', connected: 'end' }[
        call.status
      ];
      if (!action) continue;
      const by =
        call.role === 'caller' || action === 'end' ? headers : await as(call.other.displayName);
      await fetch(`${server.url}/api/calls/${call.id}`, {
        method: 'POST',
        headers: by,
        body: JSON.stringify({
          action: call.role === 'callee' && action === 'cancel' ? 'decline' : action,
        }),
      });
    }
  });

  test('Alice calls Bob from People; Bob accepts in his LINE message and is in the call', async () => {
    await alicePage.goto(appUrl('/', 'Alice'));
    await alicePage.getByTestId('calls-link').click();
    await alicePage.getByTestId('history-page').waitFor();
    const call = await startCallFromPeople(alicePage, 'Bob', 'video');

    expect(await statusOf(alicePage)).toBe('ringing');
    expect(await alicePage.getByTestId('call-title').textContent()).toBe('Calling Bob…');
    const countdown = alicePage.getByTestId('ring-countdown');
    const first = await countdown.textContent();
    expect(first).toMatch(/^(1:00|0:[0-5]\d)$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(first);
    // Her own camera (the fake one) shows behind while it rings, media server or not.
    await selfViewPlaying(alicePage);
    await alicePage.getByTestId('media-unreachable').waitFor();
    await shot(alicePage, 'caller-ringing');

    // Bob's LINE (in Japanese): the ring message; its Accept opens the app as Bob and answers.
    await bobPage.goto(inboxUrl('Bob'));
    const accept = bobPage.locator(`a[href*="/call/${call.id}"]`);
    expect(await accept.textContent()).toBe('応答');
    const [bobCall] = await Promise.all([bob.waitForEvent('page'), accept.click()]);
    await bobCall.waitForURL((url) => url.pathname === `/call/${call.id}`);
    await expect.poll(() => statusOf(bobCall), { timeout: 10_000 }).toBe('accepted');
    // The tap was the answer: ?autoAccept=1 is gone, so a reload would not answer again. (The
    // page may show the preloaded answer a moment before its mount effect cleans the address.)
    await expect.poll(() => new URL(bobCall.url()).search).not.toContain('autoAccept');
    expect(await bobCall.getByTestId('call-page').getAttribute('data-role')).toBe('callee');
    expect(await apiCall(bobCall, 'Bob', call.id)).toMatchObject({
      status: 'accepted',
      role: 'callee',
      other: { displayName: 'Alice' },
    });
    await bobCall.getByTestId('media-unreachable').waitFor();
    await selfViewPlaying(bobCall);
    await shot(bobCall, 'callee-in-call');

    // Alice's open page leaves "Calling Bob…" by itself: no room, so it follows the API.
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('accepted');
    expect(await alicePage.getByTestId('cancel-button').count()).toBe(0);
    expect(await alicePage.getByTestId('media-unreachable-detail').textContent()).toBe(
      "You can still hang up. Sound and video start once it's back.",
    );
    await shot(alicePage, 'caller-in-call');

    // Alice hangs up; Bob's open page shows how it ended, without a reload.
    await alicePage.getByTestId('end-button').click();
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('ended');
    expect(await alicePage.getByTestId('call-outcome').textContent()).toMatch(/^Call ended/);
    await shot(alicePage, 'ended');
    await expect.poll(() => statusOf(bobCall), FOLLOWS).toBe('ended');
    // (Bob's LINE, and so the app for him, is in Japanese.)
    expect(await bobCall.getByTestId('call-outcome').textContent()).toMatch(/^通話終了/);
    await bobCall.close();
  });

  test('Bob declines in his LINE message: the call is declined and Alice sees "Declined"', async () => {
    await alicePage.goto(appUrl('/history', 'Alice'));
    // Bob is in People now because they have talked.
    await alicePage.getByTestId('people').getByRole('button', { name: 'Bob' }).waitFor();
    const call = await startCallFromPeople(alicePage, 'Bob', 'voice');
    expect(await statusOf(alicePage)).toBe('ringing');

    // Bob, inside the app, sees the incoming call in his list; opening it asks, it does not answer.
    await bobPage.goto(appUrl('/history', 'Bob'));
    const row = bobPage.getByTestId('call-row').first();
    await expect.poll(() => row.getAttribute('data-status'), FOLLOWS).toBe('ringing');
    await row.click();
    await bobPage.waitForURL(`**/call/${call.id}`);
    await bobPage.getByTestId('accept-button').waitFor();
    expect(await statusOf(bobPage)).toBe('ringing');
    expect(await bobPage.getByTestId('call-page').getAttribute('data-role')).toBe('callee');
    expect(await bobPage.getByTestId('call-title').textContent()).toBe('Alice');
    await bobPage.getByTestId('media-unreachable').waitFor();
    expect(await bobPage.getByTestId('media-unreachable-detail').textContent()).toBe(
      '応答・拒否はできます。音声と映像は復旧後に始まります。',
    );
    await shot(bobPage, 'callee-ringing');

    // He taps Decline in LINE instead (a postback, delivered signed to the app's webhook).
    const inbox = await bob.newPage();
    await inbox.goto(inboxUrl('Bob'));
    const decline = inbox.locator(`[data-postback="action=decline-call&call=${call.id}"]`);
    await decline.click();
    await expect
      .poll(() => inbox.locator('#toast').textContent(), FOLLOWS)
      .toContain('answered 200');
    expect((await apiCall(inbox, 'Bob', call.id)).status).toBe('declined');
    await inbox.close();

    // No media server, so no live channel: both open pages follow the API.
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('declined');
    expect(await alicePage.getByTestId('call-outcome').textContent()).toBe('Declined');
    await shot(alicePage, 'declined');
    await expect.poll(() => statusOf(bobPage), FOLLOWS).toBe('declined');
  });

  test('nobody answers: after 60 s the call is missed, Alice sees "No answer", Bob gets the missed call', async () => {
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startCallFromPeople(alicePage, 'Bob', 'video');
    await bobPage.goto(appUrl(`/call/${call.id}`, 'Bob'));
    await bobPage.getByTestId('accept-button').waitFor();

    await advanceQstash(60);
    // Both screens were counting down; both follow the server's time-out by themselves.
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('missed');
    expect(await alicePage.getByTestId('call-outcome').textContent()).toBe('No answer');
    await shot(alicePage, 'no-answer');
    await expect.poll(() => statusOf(bobPage), FOLLOWS).toBe('missed');
    expect(await bobPage.getByTestId('call-outcome').textContent()).toBe('不在着信');

    // Bob's LINE: "You missed a call from Alice", whose Call back opens the call sheet for her.
    await bobPage.goto(inboxUrl('Bob'));
    const callBack = bobPage.locator(`a[href*="/history?callBack=${user('Alice').contactId}"]`);
    await callBack.waitFor();
    expect(await bobPage.locator('.chat').textContent()).toContain('Aliceさんからの不在着信');
    const [bobHistory] = await Promise.all([bob.waitForEvent('page'), callBack.click()]);
    const sheet = bobHistory.getByTestId('call-sheet');
    await sheet.waitFor();
    expect(await sheet.getByRole('heading').textContent()).toContain('Alice');
    await shot(bobHistory, 'call-back-sheet');
    await bobHistory.close();

    // Call again from the end screen rings him anew (a new call); this time she cancels.
    await alicePage.getByTestId('call-again').click();
    await alicePage.waitForURL((url) => !url.pathname.endsWith(call.id));
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('ringing');
    await alicePage.getByTestId('cancel-button').click();
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('canceled');
    expect(await alicePage.getByTestId('call-outcome').textContent()).toBe('Canceled');
  });

  test('Bob answers inside the app; Alice, opening the call, is in it too and hangs up', async () => {
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startCallFromPeople(alicePage, 'Bob', 'voice');

    await bobPage.goto(appUrl('/history', 'Bob'));
    await bobPage.getByTestId('call-row').first().click();
    await bobPage.getByTestId('accept-button').click();
    await expect.poll(() => statusOf(bobPage), FOLLOWS).toBe('accepted');

    await alicePage.reload();
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('accepted');
    expect(await alicePage.getByTestId('call-page').getAttribute('data-role')).toBe('caller');
    await alicePage.getByTestId('end-button').click();
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('ended');
    expect((await apiCall(bobPage, 'Bob', call.id)).status).toBe('ended');

    // Alice's list: every call, newest first, in words.
    await alicePage.goto(appUrl('/history', 'Alice'));
    const outcomes = alicePage.getByTestId('call-list').getByTestId('call-outcome');
    await expect
      .poll(() => outcomes.allTextContents(), FOLLOWS)
      .toEqual(['Call ended', 'Canceled', 'No answer', 'Declined', 'Call ended']);
    await shot(alicePage, 'history');
  });

  test("Alice cancels while Bob's screen rings: it stops ringing, and LINE tells him he missed her call", async () => {
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startCallFromPeople(alicePage, 'Bob', 'voice');
    await bobPage.goto(appUrl(`/call/${call.id}`, 'Bob'));
    await bobPage.getByTestId('accept-button').waitFor();

    const inbox = await bob.newPage();
    await inbox.goto(inboxUrl('Bob'));
    const callBacks = inbox.locator(`a[href*="/history?callBack=${user('Alice').contactId}"]`);
    const missedBefore = await callBacks.count();

    await alicePage.getByTestId('cancel-button').click();
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('canceled');
    expect(await alicePage.getByTestId('call-outcome').textContent()).toBe('Canceled');
    // To Bob, a call he never got to answer is a missed call, on his screen as in LINE.
    await expect.poll(() => statusOf(bobPage), FOLLOWS).toBe('canceled');
    expect(await bobPage.getByTestId('call-outcome').textContent()).toBe('不在着信');
    expect(await bobPage.getByTestId('accept-button').count()).toBe(0);
    await shot(bobPage, 'callee-canceled');

    // "You missed a call from Alice", with Call back.
    await expect
      .poll(async () => {
        await inbox.reload();
        return callBacks.count();
      }, FOLLOWS)
      .toBe(missedBefore + 1);
    expect(await inbox.locator('.chat').textContent()).toContain('Aliceさんからの不在着信');
    await inbox.close();
  });

  test('Cancel crossing Bob\'s accept hangs up instead of leaving Alice "In call"', async () => {
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startCallFromPeople(alicePage, 'Bob', 'video');
    await alicePage.getByTestId('cancel-button').waitFor();
    // Her page has not heard of the accept yet (its reads are held back), so Cancel still shows.
    // Once one of its reads has failed, no earlier one can still land (the latest read wins).
    const isRead = (request: { url(): string; method(): string }) =>
      request.url().endsWith(`/api/calls/${call.id}`) && request.method() === 'GET';
    await alicePage.route(`**/api/calls/${call.id}`, (route) =>
      isRead(route.request()) ? route.abort() : route.fallback(),
    );
    await alicePage.waitForEvent('requestfailed', { predicate: isRead, timeout: 15_000 });
    const accepted = await bobPage.evaluate(
      async ({ userId, id }) => {
        const tokenResponse = await fetch('/__dev/line/id-token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId }),
        });
        const { idToken } = (await tokenResponse.json()) as { idToken: string };
        const response = await fetch(`/api/calls/${id}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'accept' }),
        });
        return response.status;
      },
      { userId: user('Bob').userId, id: call.id },
    );
    expect(accepted).toBe(200);
    await alicePage.getByTestId('cancel-button').click();
    await alicePage.unroute(`**/api/calls/${call.id}`);

    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('ended');
    expect((await apiCall(bobPage, 'Bob', call.id)).status).toBe('ended');
  });

  test('after a 429, "Call again" is off and says why', async () => {
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startCallFromPeople(alicePage, 'Bob', 'voice');
    await alicePage.getByTestId('cancel-button').click();
    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('canceled');

    // The server's limit (10 starts an hour) as it answers once reached.
    await alicePage.route('**/api/calls', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 429,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'too_many_calls', message: 'Too many calls this hour.' },
            }),
          })
        : route.fallback(),
    );
    const again = alicePage.getByTestId('call-again');
    await again.click();
    await expect.poll(() => again.isDisabled(), FOLLOWS).toBe(true);
    expect(await alicePage.getByTestId('start-call-error').textContent()).toBe(
      "You've started 10 calls in the last hour. Try again later.",
    );
    expect(new URL(alicePage.url()).pathname).toBe(`/call/${call.id}`);
    await shot(alicePage, 'call-again-429');
    await alicePage.unroute('**/api/calls');
  });

  test('a call-back link for someone unknown opens the sheet without a name, and says why it fails', async () => {
    // A LINE user id in the link (as messages sent before contact ids carried) names no one.
    await alicePage.goto(appUrl(`/history?callBack=${user('Bob').userId}`, 'Alice'));
    // The invite turns on once the list (with Alice's own contact id) is in.
    await expect.poll(() => alicePage.getByTestId('invite-friend').isEnabled()).toBe(true);
    expect(await alicePage.getByTestId('call-sheet').count()).toBe(0);

    const stranger = 'A'.repeat(22);
    await alicePage.goto(appUrl(`/history?callBack=${stranger}`, 'Alice'));
    const sheet = alicePage.getByTestId('call-sheet');
    await sheet.waitFor();
    expect(await sheet.getByRole('heading').textContent()).toBe('Call the friend who invited you');
    await sheet.getByTestId('start-voice-call').click();
    await expect
      .poll(() => sheet.getByTestId('start-call-error').textContent())
      .toContain("hasn't opened LINE Calls yet");
    expect(new URL(alicePage.url()).pathname).toBe('/history');
  });
});
