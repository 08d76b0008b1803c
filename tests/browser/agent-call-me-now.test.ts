/**
 * Agent calls in headless Chromium against the dev server: "call me now", the LINE message's
 * Accept (audio only), a missed call called again from LINE, and a dispatch that fails.
 *
 * The dev server runs in test mode: the LiveKit server API is a stand-in (rooms are created, no
 * agent joins; without it, as under `npm run dev` with no livekit-server, the dispatch itself fails,
 * which the last test covers) and the QStash clock moves only when the test advances it. There is
 * no media server, so the page never really connects; it must still be right about the call.
 */
import { describe, expect, test } from 'vitest';
import { agentCallStatusOf, inboxWith, useAgentCallPhone } from '../support/agent-call-pages';
import { canRunBrowserTests } from '../support/browser-world';
import { useBrowserWorld } from '../support/use-browser-world';

describe.skipIf(!canRunBrowserTests)('agent calls in the browser', () => {
  const world = useBrowserWorld({ testing: true });
  const alice = useAgentCallPhone(world);

  test('"Call me now" rings her in LINE; Accept opens the call audio-only, and she hangs up', async () => {
    const { page, phone, appUrl, inboxUrl, shot, agentCall, callMeNow } = alice;
    await page.goto(appUrl('/'));
    await page.getByTestId('call-me-now-link').click();
    await page.waitForURL((url) => url.pathname === '/agent-call');
    await page.getByTestId('call-me-now-button').waitFor();
    expect(await page.getByRole('heading').textContent()).toBe('Call me now');
    expect(await page.getByTestId('call-me-now-page').textContent()).toContain(
      'An assistant will call you here in LINE.',
    );
    await shot(page, 'call-me-now');

    const call = await callMeNow();
    expect(call.status).toBe('ringing');
    expect(await page.getByTestId('call-me-now-started').textContent()).toContain(
      'Calling you now…',
    );
    await shot(page, 'calling');
    // Outside LINE there is no window to close: 2 s later the call's own page takes over, asking.
    await page.waitForURL((url) => url.pathname === `/agent-call/${call.sid}`, { timeout: 5_000 });
    await page.getByTestId('accept-button').waitFor();
    expect(await agentCallStatusOf(page)).toBe('ringing');
    expect(await page.getByTestId('agent-call-name').textContent()).toBe('Assistant');
    expect(await page.getByTestId('not-now-button').isVisible()).toBe(true);
    await shot(page, 'ringing');

    // Her LINE: the ring message, whose Accept opens the call and joins it at once.
    const inbox = await phone.newPage();
    await inbox.goto(inboxUrl());
    // Who is calling: the service's name (SERVICE_NAME, here its default), then the ring.
    expect(await inbox.locator('.chat').textContent()).toContain(
      'LINE Calls: Incoming call — please accept within 60 seconds',
    );
    const accept = inbox.locator(`a[href*="/agent-call/${call.sid}?autoAccept=1"]`);
    expect(await accept.textContent()).toBe('Accept');
    const [answered] = await Promise.all([phone.waitForEvent('page'), accept.click()]);
    await answered.waitForURL((url) => url.pathname === `/agent-call/${call.sid}`);
    // The tap was the answer: ?autoAccept=1 leaves the address, so a reload asks again.
    await expect
      .poll(() => new URL(answered.url()).search, { timeout: 10_000 })
      .not.toContain('autoAccept');
    const hangUp = answered.getByTestId('hang-up-button');
    await hangUp.waitFor();
    expect(await agentCallStatusOf(answered)).toBe('ringing');
    expect(await answered.getByTestId('agent-call-name').textContent()).toBe('Assistant');
    expect(await answered.getByTestId('agent-call-state').textContent()).toBe('Connecting…');
    // Audio only: the microphone is asked for, the camera never, and nothing shows video.
    await expect
      .poll(() => answered.evaluate(() => window.mediaRequests ?? []))
      .toContainEqual(expect.objectContaining({ audio: expect.anything() }));
    const requests = await answered.evaluate(() => window.mediaRequests ?? []);
    expect(requests.filter((constraints) => constraints.video)).toEqual([]);
    expect(await answered.locator('video').count()).toBe(0);
    await shot(answered, 'connecting');

    // No media server: the page says so plainly and keeps the hang-up button.
    await expect
      .poll(() => answered.getByTestId('agent-call-page').getAttribute('data-media'), {
        timeout: 15_000,
      })
      .not.toBe('connecting');
    expect(await answered.getByTestId('agent-call-state').textContent()).toBe('Not connected');
    await answered.getByTestId('media-unreachable').waitFor();
    expect(await answered.locator('video').count()).toBe(0);
    await shot(answered, 'unreachable');

    // "Try again" answers the tap: it says it is trying, then when it last tried.
    const retry = answered.getByTestId('media-retry');
    await retry.click();
    await expect.poll(() => retry.textContent()).toBe('Trying again…');
    expect(await retry.isDisabled()).toBe(true);
    await shot(answered, 'retrying');
    await expect
      .poll(() => answered.getByTestId('media-retried').textContent(), { timeout: 15_000 })
      .toMatch(/^Still unreachable \(tried at .+\)\.$/);
    expect(await retry.textContent()).toBe('Try again');

    // While it is on, "Call me now" leads to this call instead of starting another.
    await page.goto(appUrl('/agent-call'));
    await page.getByTestId('call-me-now-live').waitFor();
    expect(await page.getByTestId('call-me-now-button').count()).toBe(0);
    await shot(page, 'call-me-now-live');
    await page.getByTestId('open-live-agent-call').click();
    await page.waitForURL((url) => url.pathname === `/agent-call/${call.sid}`);

    // Hanging up before the server saw her join cancels the call; to her, it is over, and it
    // reads the same on its page and in her Calls list.
    await hangUp.click();
    await expect.poll(() => agentCallStatusOf(answered)).toBe('canceled');
    expect(await answered.getByTestId('agent-call-outcome').textContent()).toBe('Call ended');
    expect((await agentCall(answered, call.sid)).status).toBe('canceled');
    await shot(answered, 'hung-up');
    await answered.reload();
    await expect.poll(() => agentCallStatusOf(answered), { timeout: 10_000 }).toBe('canceled');
    expect(await answered.getByTestId('agent-call-outcome').textContent()).toBe('Call ended');
    await answered.goto(appUrl('/history'));
    const row = answered.getByTestId('agent-call-row').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('canceled');
    expect(await row.getByTestId('call-outcome').textContent()).toBe('Call ended');
    await answered.close();
    await inbox.close();
  });

  test('nobody answers: missed in LINE, "Call me in 5 min" there, and 5 minutes later it rings again', async () => {
    const { page, phone, appUrl, inboxUrl, shot, advance, agentCalls, agentCall, callMeNow } =
      alice;
    await page.goto(appUrl('/agent-call'));
    const first = await callMeNow();

    await advance(60);
    expect((await agentCall(page, first.sid)).status).toBe('missed');
    const inbox = await phone.newPage();
    await inbox.goto(inboxUrl());
    await inboxWith(inbox, 'You missed a call.');
    const retry = inbox.locator(`[data-postback="action=agent-retry&sid=${first.sid}"]`);
    expect(await retry.textContent()).toBe('Call me in 5 min');
    await retry.click();
    await expect.poll(() => inbox.locator('#toast').textContent()).toContain('answered 200');
    await inboxWith(inbox, "We'll call you in about 5 minutes.");

    const accepts = inbox.locator('a[href*="autoAccept=1"]');
    const ringsBefore = await accepts.count();
    await advance(300);
    await expect
      .poll(
        async () => {
          await inbox.reload();
          return accepts.count();
        },
        { timeout: 10_000 },
      )
      .toBe(ringsBefore + 1);
    const [second] = await agentCalls(page);
    expect(second).toMatchObject({
      status: 'ringing',
      attempt: 2,
      requestedBy: 'retry',
      originalSid: first.sid,
    });
    expect(await accepts.last().getAttribute('href')).toContain(`/agent-call/${second!.sid}`);
    expect((await agentCall(page, first.sid)).retries).toMatchObject([
      { attempt: 1, status: 'executed', newSid: second!.sid },
    ]);
    await inbox.close();

    // The first call's page tells what became of the call back.
    await page.goto(appUrl(`/agent-call/${first.sid}`));
    await expect.poll(() => agentCallStatusOf(page)).toBe('missed');
    expect(await page.getByTestId('retry-done').textContent()).toMatch(/^We called you back at /);

    // The call back is missed too: the next one would come 15 minutes later.
    await advance(60);
    await page.goto(appUrl(`/agent-call/${second!.sid}`));
    await expect.poll(() => agentCallStatusOf(page)).toBe('missed');
    expect(await page.getByTestId('retry-button').textContent()).toBe(
      'Call me again in 15 minutes',
    );

    // Both are in her Calls list, labelled as agent calls.
    await page.goto(appUrl('/history'));
    const rows = page.getByTestId('agent-call-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('Agent call');
    expect(await rows.getByTestId('call-outcome').allTextContents()).toEqual([
      'Missed call',
      'Missed call',
      'Call ended',
    ]);
    await shot(page, 'history');
    await rows.first().click();
    await page.waitForURL((url) => url.pathname === `/agent-call/${second!.sid}`);
  });

  test('when the call cannot be started, "Call me now" says so in plain words', async () => {
    const { page, appUrl, shot } = alice;
    await page.goto(appUrl('/agent-call'));
    world.server.livekit!.failNext(503);
    await page.getByTestId('call-me-now-button').click();
    const error = page.getByTestId('call-me-now-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(
      "We couldn't start the call just now. Try again in a moment.",
    );
    // Dev mode: the likely cause, LiveKit not running, and how to start it.
    expect(await error.textContent()).toContain('livekit-server --dev');
    expect(await page.getByTestId('call-me-now-button').isEnabled()).toBe(true);
    await shot(page, 'call-me-now-error');
  });
});
