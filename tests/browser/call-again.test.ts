/**
 * Calling again in headless Chromium: "Call again" after the hourly limit, and a call-back link
 * for someone the app does not know.
 */
import { describe, expect, test } from 'vitest';
import { canRunBrowserTests } from '../support/browser-world';
import {
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
  const { user, appUrl, shot } = callPagesOf(world);

  test('after a 429, "Call again" is off and says why', async () => {
    const { alicePage } = phones;
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startKeyedCallFromPeople(alicePage, 'Bob', 'voice');
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
    const { alicePage } = phones;
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
