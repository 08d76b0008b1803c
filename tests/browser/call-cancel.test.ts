/**
 * 1:1 calls in headless Chromium canceled while they ring: the callee's screen and LINE, and a
 * cancel that crosses the callee's accept. No livekit-server: open pages follow the API
 * (see call-outcomes.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { canRunBrowserTests } from '../support/browser-world';
import {
  apiFromPage,
  callPagesOf,
  FOLLOWS,
  startKeyedCallFromPeople,
  statusOf,
  useAliceAndBob,
} from '../support/call-pages';
import { useBrowserWorld } from '../support/use-browser-world';

describe.skipIf(!canRunBrowserTests)('1:1 calls in the browser', () => {
  const world = useBrowserWorld();
  const phones = useAliceAndBob(world);
  const { user, appUrl, inboxUrl, shot, apiCall } = callPagesOf(world);

  test("Alice cancels while Bob's screen rings: it stops ringing, and LINE tells him he missed her call", async () => {
    const { bob, alicePage, bobPage } = phones;
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startKeyedCallFromPeople(alicePage, 'Bob', 'voice');
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
    const { alicePage, bobPage } = phones;
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startKeyedCallFromPeople(alicePage, 'Bob', 'video');
    await alicePage.getByTestId('cancel-button').waitFor();
    // Her page has not heard of the accept yet (its reads are held back), so Cancel still shows.
    // Once one of its reads has failed, no earlier one can still land (the latest read wins).
    const isRead = (request: { url(): string; method(): string }) =>
      request.url().endsWith(`/api/calls/${call.id}`) && request.method() === 'GET';
    await alicePage.route(`**/api/calls/${call.id}`, (route) =>
      isRead(route.request()) ? route.abort() : route.fallback(),
    );
    await alicePage.waitForEvent('requestfailed', { predicate: isRead, timeout: 15_000 });
    const { status: accepted } = await apiFromPage(bobPage, user('Bob'), `/api/calls/${call.id}`, {
      action: 'accept',
    });
    expect(accepted).toBe(200);
    await alicePage.getByTestId('cancel-button').click();
    await alicePage.unroute(`**/api/calls/${call.id}`);

    await expect.poll(() => statusOf(alicePage), FOLLOWS).toBe('ended');
    expect((await apiCall(bobPage, 'Bob', call.id)).status).toBe('ended');
  });
});
