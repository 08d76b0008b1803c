/**
 * What a first user trips over, tried as a new user would: two phones, 375 px and
 * 320 px wide, against the dev server in test mode (LiveKit's server API is the stand-in; no
 * media server). Screenshots go to test-results/first-day-*.
 */
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DevServer } from '../../dev/server';
import {
  canRunBrowserTests,
  PHONE,
  RESULTS,
  startBrowserWorld,
  type BrowserWorld,
  type DevUser,
} from '../support/browser-world';

const SMALL_PHONE = { width: 320, height: 568 };
/** A page loads and reads the API on a busy machine. */
const SOON = { timeout: 10_000 };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!canRunBrowserTests)("a newcomer's first day", () => {
  let world: BrowserWorld;
  let server: DevServer;
  let browser: Browser;
  let users: DevUser[];

  beforeAll(async () => {
    world = await startBrowserWorld({ testing: true });
    ({ server, browser, users } = world);
  });

  afterAll(async () => {
    await world?.close();
  });

  const user = (name: string) => users.find((u) => u.displayName === name)!;
  const appUrl = (path: string, name?: string) =>
    name
      ? `${server.url}${path}${path.includes('?') ? '&' : '?'}devUser=${name}`
      : server.url + path;
  const shot = (page: Page, name: string) => {
    const { width, height } = page.viewportSize()!;
    return page.screenshot({ path: join(RESULTS, `first-day-${name}-${width}x${height}.png`) });
  };
  const phone = (
    viewport = PHONE,
    options: { permissions?: string[] } = {},
  ): Promise<BrowserContext> =>
    browser.newContext({
      viewport,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      permissions: options.permissions ?? ['camera', 'microphone'],
    });

  /** The API from node, signed in as a dev user with a stand-in ID token. */
  const api = async (name: string, path: string, body?: unknown, headers = {}) => {
    const tokenResponse = await fetch(`${server.url}/__dev/line/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user(name).userId }),
    });
    const { idToken } = (await tokenResponse.json()) as { idToken: string };
    return fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${idToken}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  const startCall = (from: string, to: string) =>
    api(
      from,
      '/api/calls',
      { calleeContactId: user(to).contactId, media: 'audio' },
      { 'idempotency-key': crypto.randomUUID() },
    );

  test('opening the app makes you callable: Carol only opens Setup, and Alice can ring her', async () => {
    // Carol has not opened the app yet: she cannot be rung.
    const before = await startCall('Alice', 'Carol');
    expect(before.status).toBe(404);

    const context = await phone();
    const page = await context.newPage();
    const recorded = page.waitForResponse(
      (r) => r.url().endsWith('/api/calls') && r.request().method() === 'GET',
    );
    await page.goto(appUrl('/', 'carol'));
    await page.getByTestId('setup-page').waitFor();
    expect((await recorded).status()).toBe(200);

    const after = await startCall('Alice', 'Carol');
    expect(after.status).toBe(201);
    const { call } = (await after.json()) as { call: { id: string } };
    expect((await api('Alice', `/api/calls/${call.id}`, { action: 'cancel' })).status).toBe(200);

    // Her home screen now shows Alice beside "Call someone"; a tap opens the call sheet.
    await page.reload();
    const face = page.getByTestId('recent-person');
    await face.waitFor(SOON);
    // (Carol's LINE, and so the app for her, is in Thai.)
    expect(await face.getAttribute('aria-label')).toBe('โทรหา Alice');
    await shot(page, 'setup-recent');
    await face.click();
    await page.getByTestId('call-sheet').waitFor(SOON);
    expect(await page.getByTestId('call-sheet').getByRole('heading').textContent()).toBe(
      'โทรหา Alice',
    );
    await context.close();
  });

  test('"Call someone" is on the home screen and leads to the people to call', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(appUrl('/', 'alice'));
    const callSomeone = page.getByTestId('call-someone');
    await callSomeone.waitFor();
    expect(await callSomeone.textContent()).toBe('Call someone');
    // Above the fold, next to the greeting, not behind the "Calls" pill.
    const box = (await callSomeone.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(PHONE.height / 2);
    await shot(page, 'setup');

    await callSomeone.click();
    await page.getByTestId('history-page').waitFor();
    // Carol talked to Alice: callable. Bob never opened the app: listed apart, with a word on it.
    const names = (list: string) =>
      page.getByTestId(list).locator('.list-row__name').allTextContents();
    await expect.poll(() => names('people'), SOON).toEqual(['Carol']);
    expect(await names('other-people')).toEqual(['Bob']);
    expect(await page.locator('.history__hint').textContent()).toContain(
      "They can be called once they've opened LINE Calls",
    );

    // Calling Bob: the server says he has never opened the app, and the sheet offers the invite.
    await page.getByTestId('other-people').getByRole('button', { name: 'Bob' }).click();
    const sheet = page.getByTestId('call-sheet');
    await sheet.getByTestId('start-voice-call').click();
    await expect
      .poll(() => sheet.getByTestId('start-call-error').textContent(), SOON)
      .toBe("Bob hasn't opened LINE Calls yet. Invite them first.");
    const invite = sheet.getByTestId('invite-person');
    expect(await invite.textContent()).toBe('Invite Bob');
    await shot(page, 'sheet-invite');
    await context.close();
  });

  test('the invite fallback can be closed and covers nothing; "Link copied" covers nothing', async () => {
    // No clipboard permission: the invite falls back to "Copy this link".
    const context = await phone();
    const page = await context.newPage();
    await page.goto(appUrl('/history', 'alice'));
    await page.getByTestId('invite-friend').click();
    const field = page.getByTestId('invite-link');
    await field.waitFor();
    expect(await field.locator('input').inputValue()).toContain(
      `/history?callBack=${user('Alice').contactId}`,
    );
    const callMe = page.getByTestId('call-me-now-link');
    expect(overlaps((await field.boundingBox())!, (await callMe.boundingBox())!)).toBe(false);
    await shot(page, 'invite-link');
    await page.getByTestId('invite-link-close').click();
    expect(await field.count()).toBe(0);
    await context.close();

    const copying = await phone(PHONE, {
      permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
    });
    const copyPage = await copying.newPage();
    await copyPage.goto(appUrl('/history', 'alice'));
    await copyPage.getByTestId('invite-friend').click();
    const toast = copyPage.getByRole('status').filter({ hasText: 'Link copied' });
    await toast.waitFor();
    const callMeBox = (await copyPage.getByTestId('call-me-now-link').boundingBox())!;
    expect(overlaps((await toast.boundingBox())!, callMeBox)).toBe(false);
    await shot(copyPage, 'invite-copied');
    await copying.close();
  });

  test('the room picker says what is wrong instead of going quiet', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(appUrl('/', 'alice'));
    const input = page.getByTestId('room-name-input');
    const join = page.getByTestId('join-button');
    await join.waitFor();
    expect(await join.textContent()).toBe('Join conf-jp');

    // Into the name field and out again, empty: back to the room it replaced.
    await input.focus();
    expect(await join.textContent()).toBe('Choose a room to join');
    expect(await join.isDisabled()).toBe(true);
    await page.getByTestId('user-name').click();
    expect(await join.textContent()).toBe('Join conf-jp');
    expect(await page.getByTestId('room-preset-jp').getAttribute('aria-checked')).toBe('true');

    // A whole room name typed keeps its name.
    await input.fill('conf-jp');
    expect(await input.inputValue()).toBe('jp');
    expect(await join.textContent()).toBe('Join conf-jp');

    // Only spaces: said so.
    await input.fill('   ');
    expect(await page.getByTestId('room-name-error').textContent()).toBe(
      "A room name can't be only spaces. Type a name, or pick a room above.",
    );
    expect(await join.isDisabled()).toBe(true);
    await page.getByTestId('room-name-error').scrollIntoViewIfNeeded();
    await shot(page, 'room-blank');
    await context.close();

    // In Japanese (Bob's LINE), no room is never "に参加".
    const bobContext = await phone();
    const bobPage = await bobContext.newPage();
    await bobPage.goto(appUrl('/', 'bob'));
    const bobInput = bobPage.getByTestId('room-name-input');
    await bobInput.fill('x');
    await bobInput.fill('');
    expect(await bobPage.getByTestId('join-button').textContent()).toBe(
      '参加するルームを選んでください',
    );
    await bobContext.close();
  });

  test('at 320 px Setup fits: room buttons, and the title beside the Calls pill', async () => {
    const context = await phone(SMALL_PHONE);
    const page = await context.newPage();
    await page.goto(appUrl('/', 'alice'));
    await page.getByTestId('recent-person').first().waitFor(SOON);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      SMALL_PHONE.width,
    );
    const brand = (await page.locator('.brand').boundingBox())!;
    const pill = (await page.getByTestId('calls-link').boundingBox())!;
    expect(overlaps(brand, pill)).toBe(false);
    const card = (await page.locator('.presets').boundingBox())!;
    for (const id of ['jp', 'kr', 'tw', 'th']) {
      const button = (await page.getByTestId(`room-preset-${id}`).boundingBox())!;
      expect(button.x).toBeGreaterThanOrEqual(card.x);
      expect(button.x + button.width).toBeLessThanOrEqual(card.x + card.width + 0.5);
    }
    await shot(page, 'setup');
    await page.screenshot({
      path: join(RESULTS, 'first-day-setup-full-320.png'),
      fullPage: true,
    });
    await context.close();
  });

  test('agent-call rows in History keep to one line at 375 and 320 px', async () => {
    // Two agent calls: one missed, one canceled ("Not now").
    for (let i = 0; i < 2; i++) {
      const started = await api('Alice', '/api/agent-calls', {
        to: { lineUserId: user('Alice').userId },
        language: 'en',
      });
      expect(started.status).toBe(201);
      const { agentCall } = (await started.json()) as { agentCall: { sid: string } };
      if (i === 0) {
        await fetch(`${server.url}/__dev/qstash/advance`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ seconds: 60 }),
        });
      } else {
        await api('Alice', `/api/agent-calls/${agentCall.sid}`, { action: 'cancel' });
      }
    }
    for (const viewport of [PHONE, SMALL_PHONE]) {
      const context = await phone(viewport);
      const page = await context.newPage();
      await page.goto(appUrl('/history', 'alice'));
      const rows = page.getByTestId('agent-call-row');
      await expect.poll(() => rows.count(), SOON).toBe(2);
      expect(await rows.getByTestId('call-outcome').allTextContents()).toEqual([
        'Call ended',
        'Missed call',
      ]);
      for (const meta of await page.locator('[data-testid=agent-call-row] .list-row__meta').all()) {
        // One line of 0.88rem text is about 21 px; wrapped into columns it was two or three.
        expect((await meta.boundingBox())!.height).toBeLessThan(30);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await shot(page, 'history');
      const { width } = viewport;
      await page.screenshot({
        path: join(RESULTS, `first-day-history-full-${width}.png`),
        fullPage: true,
      });
      await context.close();
    }
  });

  test('?devUser=mallory says there is no such dev user; a new tab is someone not already open', async () => {
    const context = await phone();
    const first = await context.newPage();
    await first.goto(appUrl('/', 'mallory'));
    const unknown = first.getByTestId('dev-user-unknown');
    await unknown.waitFor(SOON);
    expect(await unknown.textContent()).toBe('There is no dev user “mallory”: signed in as Alice.');
    expect(await first.getByTestId('user-name').textContent()).toBe('Alice');
    await shot(first, 'dev-user-unknown');

    // A second tab with no ?devUser= is not Alice again: she is open in the first one.
    const second = await context.newPage();
    await second.goto(appUrl('/'));
    await expect.poll(() => second.getByTestId('user-name').textContent(), SOON).toBe('Bob');
    // A reload keeps the tab's user.
    await second.reload();
    await expect.poll(() => second.getByTestId('user-name').textContent(), SOON).toBe('Bob');
    await context.close();
  });

  test('a call page that is not yours, or not there, says so without an uncaught error', async () => {
    await api('Carol', '/api/calls'); // Carol has opened the app (when run alone).
    const started = await startCall('Alice', 'Carol');
    expect(started.status).toBe(201);
    const { call } = (await started.json()) as { call: { id: string } };

    const context = await phone();
    const page = await context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /uncaught/i.test(message.text()))
        uncaught.push(message.text());
    });

    await page.goto(appUrl(`/call/${call.id}`, 'bob'));
    const error = page.getByTestId('call-error');
    await error.waitFor(SOON);
    expect(await error.textContent()).toContain('この通話はほかの人どうしの通話です。');
    // "Back to calls": a white button with dark text, not link-blue.
    const back = error.getByRole('link');
    expect(await back.evaluate((link) => getComputedStyle(link).color)).toBe('rgb(17, 17, 17)');
    await shot(page, 'call-forbidden');
    await page.goto(appUrl(`/call/${crypto.randomUUID()}`, 'bob'));
    await expect
      .poll(() => page.getByTestId('call-error').textContent(), SOON)
      .toContain('この通話は存在しません。');
    await page.goto(appUrl('/agent-call/ac_doesnotexist1', 'bob'));
    await page.getByTestId('agent-call-error').waitFor(SOON);
    // Let late rejections surface.
    await page.waitForTimeout(1_000);
    expect(uncaught).toEqual([]);
    await context.close();
    await api('Alice', `/api/calls/${call.id}`, { action: 'cancel' });
  });
});
