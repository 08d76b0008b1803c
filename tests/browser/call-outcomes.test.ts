/**
 * 1:1 calls in headless Chromium against the dev server (Vite + /api + the LINE and QStash
 * stand-ins, PGlite in a temp dir): answered, declined, missed, and the History that lists them,
 * in that order (History counts every call before it). Alice and Bob are two browser contexts,
 * i.e. two phones; Bob is rung through the LINE stand-in's inbox, as LINE would push to his phone.
 *
 * No livekit-server runs here, so there is no live channel between the two screens: an open page
 * learns of the other side's move by reading the API every few seconds while its room is not
 * connected (lib/use-follow-server.ts), so these tests wait rather than reload. The live path
 * (a real livekit-server deleting the room) is in tests/browser/real-media/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { canRunBrowserTests } from '../support/browser-world';
import {
  advanceQstash,
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
  /** The fake camera is live in the self view (before a screenshot). */
  const selfViewPlaying = (page: Page) =>
    page.waitForFunction(
      () =>
        (document.querySelector<HTMLVideoElement>('[data-testid=self-view]')?.readyState ?? 0) >= 2,
    );

  test('Alice calls Bob from People; Bob accepts in his LINE message and is in the call', async () => {
    const { bob, alicePage, bobPage } = phones;
    await alicePage.goto(appUrl('/', 'Alice'));
    await alicePage.getByTestId('calls-link').click();
    await alicePage.getByTestId('history-page').waitFor();
    const call = await startKeyedCallFromPeople(alicePage, 'Bob', 'video');

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
    const { bob, alicePage, bobPage } = phones;
    await alicePage.goto(appUrl('/history', 'Alice'));
    // Bob is in People now because they have talked.
    await alicePage.getByTestId('people').getByRole('button', { name: 'Bob' }).waitFor();
    const call = await startKeyedCallFromPeople(alicePage, 'Bob', 'voice');
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
    const { bob, alicePage, bobPage } = phones;
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startKeyedCallFromPeople(alicePage, 'Bob', 'video');
    await bobPage.goto(appUrl(`/call/${call.id}`, 'Bob'));
    await bobPage.getByTestId('accept-button').waitFor();

    await advanceQstash(world.server.url, 60);
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
    const { alicePage, bobPage } = phones;
    await alicePage.goto(appUrl('/history', 'Alice'));
    const call = await startKeyedCallFromPeople(alicePage, 'Bob', 'voice');

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
});
