/**
 * What a first user trips over, tried as a new user would, on two phones (375 px and 320 px wide)
 * against the dev server in test mode: becoming callable by opening the app, finding the people to
 * call, inviting someone, and Setup with a recent person at 320 px. In this order: the later tests
 * count on the call the first one makes. Screenshots go to test-results/first-day-*.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { canRunBrowserTests, PHONE, RESULTS } from '../support/browser-world';
import { firstDayPages, SMALL_PHONE, SOON } from '../support/first-day-pages';
import { useBrowserWorld } from '../support/use-browser-world';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!canRunBrowserTests)("a newcomer's first day", () => {
  const world = useBrowserWorld({ testing: true });
  const { user, appUrl, shot, phone, api, startCall } = firstDayPages(world);

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
});
