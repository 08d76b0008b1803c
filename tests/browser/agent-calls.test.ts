/**
 * Agent calls in headless Chromium against the dev server: "call me now", the LINE message's
 * Accept (audio only), a missed call, and "call me again in 5 minutes" from LINE and from the app.
 *
 * The dev server runs in test mode: the LiveKit server API is a stand-in (rooms are created, no
 * agent joins; without it, as under `npm run dev` with no livekit-server, the dispatch itself fails,
 * which the last test covers) and the QStash clock moves only when the test advances it. There is
 * no media server, so the page never really connects; it must still be right about the call.
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

/** How long a join stays "Connecting…" before its signalling socket closes. */
const SOCKET_CLOSE_MS = 3_000;

interface AgentCallView {
  sid: string;
  status: string;
  attempt: number;
  requestedBy: string;
  originalSid: string | null;
  retries: { attempt: number; status: string; runAt: string; newSid: string | null }[];
}

declare global {
  interface Window {
    /** The constraints of every getUserMedia call the page made (see recordMediaRequests). */
    mediaRequests?: MediaStreamConstraints[];
  }
}

describe.skipIf(!canRunBrowserTests)('agent calls in the browser', () => {
  let world: BrowserWorld;
  let server: DevServer;
  let browser: Browser;
  let alice: DevUser;
  let phone: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    world = await startBrowserWorld({ testing: true });
    ({ server, browser } = world);
    const { users } = world;
    alice = users.find((u) => u.displayName === 'Alice')!;
    // Camera allowed too: if the page asked for it, it would get it, and the record would show.
    phone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      permissions: ['camera', 'microphone'],
    });
    await phone.addInitScript(recordMediaRequests);
    // No media server: LiveKit's signalling socket closes after a moment of "Connecting…", as
    // with none running. (Its URL is the dev server's here, where the socket would hang open and
    // keep the server from closing.)
    await phone.routeWebSocket(
      (url) => url.pathname.startsWith('/rtc'),
      (socket) => void setTimeout(() => socket.close(), SOCKET_CLOSE_MS),
    );
    page = await phone.newPage();
  });

  afterAll(async () => {
    await phone?.close();
    await world?.close();
  });

  const appUrl = (path: string) =>
    `${server.url}${path}${path.includes('?') ? '&' : '?'}devUser=alice`;
  const inboxUrl = () => `${server.url}/__dev/line/inbox?user=${alice.userId}`;
  const shot = (on: Page, name: string) =>
    on.screenshot({ path: join(RESULTS, `agent-calls-${name}-375x667.png`) });
  const advance = async (seconds: number) => {
    const response = await fetch(`${server.url}/__dev/qstash/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds }),
    });
    expect(response.status).toBe(200);
  };
  const statusOf = (on: Page) => on.getByTestId('agent-call-page').getAttribute('data-status');

  /**
   * The API from inside the page, with Alice's ID token as LIFF sends it: GET, or POST with `body`.
   */
  const api = <T>(on: Page, path: string, body?: unknown): Promise<T> =>
    on.evaluate(
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
        return (await response.json()) as T;
      },
      { userId: alice.userId, path, body },
    );
  const agentCalls = async (on: Page) =>
    (await api<{ agentCalls: AgentCallView[] }>(on, '/api/agent-calls')).agentCalls;
  const agentCall = async (on: Page, sid: string) =>
    (await api<{ agentCall: AgentCallView }>(on, `/api/agent-calls/${sid}`)).agentCall;

  /** On the "call me now" page: tap the button, see "Calling you now…"; returns the new call. */
  const callMeNow = async () => {
    const started = page.waitForResponse(
      (r) => r.url().endsWith('/api/agent-calls') && r.request().method() === 'POST',
    );
    await page.getByTestId('call-me-now-button').click();
    const response = await started;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({
      to: { lineUserId: alice.userId },
      language: 'en',
    });
    await page.getByTestId('call-me-now-started').waitFor();
    return ((await response.json()) as { agentCall: AgentCallView }).agentCall;
  };

  /** Alice's LINE chat, reloaded until it holds `text`. */
  const inboxWith = async (inbox: Page, text: string) => {
    await expect
      .poll(
        async () => {
          await inbox.reload();
          return inbox.locator('.chat').textContent();
        },
        { timeout: 10_000 },
      )
      .toContain(text);
  };

  test('"Call me now" rings her in LINE; Accept opens the call audio-only, and she hangs up', async () => {
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
    expect(await statusOf(page)).toBe('ringing');
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
    expect(await statusOf(answered)).toBe('ringing');
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
    await expect.poll(() => statusOf(answered)).toBe('canceled');
    expect(await answered.getByTestId('agent-call-outcome').textContent()).toBe('Call ended');
    expect((await agentCall(answered, call.sid)).status).toBe('canceled');
    await shot(answered, 'hung-up');
    await answered.reload();
    await expect.poll(() => statusOf(answered), { timeout: 10_000 }).toBe('canceled');
    expect(await answered.getByTestId('agent-call-outcome').textContent()).toBe('Call ended');
    await answered.goto(appUrl('/history'));
    const row = answered.getByTestId('agent-call-row').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('canceled');
    expect(await row.getByTestId('call-outcome').textContent()).toBe('Call ended');
    await answered.close();
    await inbox.close();
  });

  test('nobody answers: missed in LINE, "Call me in 5 min" there, and 5 minutes later it rings again', async () => {
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
    await expect.poll(() => statusOf(page)).toBe('missed');
    expect(await page.getByTestId('retry-done').textContent()).toMatch(/^We called you back at /);

    // The call back is missed too: the next one would come 15 minutes later.
    await advance(60);
    await page.goto(appUrl(`/agent-call/${second!.sid}`));
    await expect.poll(() => statusOf(page)).toBe('missed');
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

  test('from a missed call\'s page, "Call me again in 5 minutes" schedules it and says when', async () => {
    await page.goto(appUrl('/agent-call'));
    const call = await callMeNow();
    // Its page, open and ringing, follows the server's time-out by itself (no media server).
    await page.waitForURL((url) => url.pathname === `/agent-call/${call.sid}`, { timeout: 5_000 });
    await page.getByTestId('accept-button').waitFor();
    await advance(60);
    await expect.poll(() => statusOf(page), { timeout: 10_000 }).toBe('missed');
    expect(await page.getByTestId('accept-button').count()).toBe(0);

    await page.goto(appUrl(`/agent-call/${call.sid}?retry=1`));
    await expect.poll(() => statusOf(page)).toBe('missed');
    expect(await page.getByTestId('agent-call-outcome').textContent()).toBe('You missed a call');
    const retry = page.getByTestId('retry-button');
    expect(await retry.textContent()).toBe('Call me again in 5 minutes');
    // ?retry=1 puts the focus on it.
    expect(await retry.evaluate((button) => button === document.activeElement)).toBe(true);
    await shot(page, 'missed');

    const scheduled = page.waitForResponse(
      (r) => r.url().endsWith(`/api/agent-calls/${call.sid}`) && r.request().method() === 'POST',
    );
    await retry.click();
    expect((await scheduled).status()).toBe(200);
    const says = page.getByTestId('retry-scheduled');
    await says.waitFor();
    const { retries } = await agentCall(page, call.sid);
    expect(retries).toMatchObject([{ attempt: 1, status: 'scheduled' }]);
    const time = new Date(retries[0]!.runAt).toLocaleTimeString('en-US', {
      hour: 'numeric',
      minute: '2-digit',
    });
    expect(await says.textContent()).toBe(`We'll call you in about 5 minutes, around ${time}.`);
    await shot(page, 'retry-scheduled');

    // A reload shows the same: the API is the truth.
    await page.reload();
    await page.getByTestId('retry-scheduled').waitFor();
    expect(await page.getByTestId('retry-button').count()).toBe(0);
  });

  test('after three call backs, the page says plainly that there will be no more', async () => {
    // Let every call back the earlier tests asked for come and be missed first.
    await advance(3600);
    await advance(60);
    await page.goto(appUrl('/agent-call'));
    let call = await callMeNow();
    for (const minutes of [5, 15, 30]) {
      await advance(60);
      const scheduled = await api<{ agentCall: AgentCallView }>(
        page,
        `/api/agent-calls/${call.sid}`,
        { action: 'schedule-retry' },
      );
      expect(scheduled.agentCall.retries.at(-1)).toMatchObject({ status: 'scheduled' });
      await advance(minutes * 60);
      const [latest] = await agentCalls(page);
      expect(latest).toMatchObject({ status: 'ringing', attempt: call.attempt + 1 });
      call = latest!;
    }
    await advance(60);

    await page.goto(appUrl(`/agent-call/${call.sid}`));
    await expect.poll(() => statusOf(page)).toBe('missed');
    expect(await page.getByTestId('retry-limit').textContent()).toBe(
      "We've already called you back 3 times for this call. Tap Call me now when you're free.",
    );
    expect(await page.getByTestId('retry-button').count()).toBe(0);
    await shot(page, 'retry-limit');
  });

  test('when the call cannot be started, "Call me now" says so in plain words', async () => {
    await page.goto(appUrl('/agent-call'));
    server.livekit!.failNext(503);
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

/** Runs in every page before its scripts: remembers what getUserMedia was asked for. */
function recordMediaRequests() {
  const media = navigator.mediaDevices;
  if (!media) return;
  const getUserMedia = media.getUserMedia.bind(media);
  window.mediaRequests = [];
  media.getUserMedia = (constraints?: MediaStreamConstraints) => {
    window.mediaRequests!.push(JSON.parse(JSON.stringify(constraints ?? {})));
    return getUserMedia(constraints);
  };
}
