/**
 * What a first user trips over, tried as a new user would (see first-day-people.test.ts): the room
 * picker's messages, agent-call rows at 375 and 320 px, an unknown dev user, and a call page that
 * is not yours. Screenshots go to test-results/first-day-*.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { canRunBrowserTests, PHONE, RESULTS } from '../support/browser-world';
import { advanceQstash } from '../support/call-pages';
import { firstDayPages, SMALL_PHONE, SOON } from '../support/first-day-pages';
import { useBrowserWorld } from '../support/use-browser-world';

describe.skipIf(!canRunBrowserTests)("a newcomer's first day", () => {
  const world = useBrowserWorld({ testing: true });
  const { user, appUrl, shot, phone, api, startCall } = firstDayPages(world);

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
        await advanceQstash(world.server.url, 60);
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
