/**
 * "Call me again" from a missed agent call's page in headless Chromium, up to the limit of three
 * call backs. The dev server runs in test mode (see agent-call-me-now.test.ts): the QStash clock
 * moves only when the test advances it, and no media server runs.
 */
import { describe, expect, test } from 'vitest';
import {
  agentCallStatusOf,
  type AgentCallView,
  useAgentCallPhone,
} from '../support/agent-call-pages';
import { canRunBrowserTests } from '../support/browser-world';
import { useBrowserWorld } from '../support/use-browser-world';

describe.skipIf(!canRunBrowserTests)('agent calls in the browser', () => {
  const world = useBrowserWorld({ testing: true });
  const alice = useAgentCallPhone(world);

  test('from a missed call\'s page, "Call me again in 5 minutes" schedules it and says when', async () => {
    const { page, appUrl, shot, advance, agentCall, callMeNow } = alice;
    await page.goto(appUrl('/agent-call'));
    const call = await callMeNow();
    // Its page, open and ringing, follows the server's time-out by itself (no media server).
    await page.waitForURL((url) => url.pathname === `/agent-call/${call.sid}`, { timeout: 5_000 });
    await page.getByTestId('accept-button').waitFor();
    await advance(60);
    await expect.poll(() => agentCallStatusOf(page), { timeout: 10_000 }).toBe('missed');
    expect(await page.getByTestId('accept-button').count()).toBe(0);

    await page.goto(appUrl(`/agent-call/${call.sid}?retry=1`));
    await expect.poll(() => agentCallStatusOf(page)).toBe('missed');
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
    const { page, appUrl, shot, advance, api, agentCalls, callMeNow } = alice;
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
    await expect.poll(() => agentCallStatusOf(page)).toBe('missed');
    expect(await page.getByTestId('retry-limit').textContent()).toBe(
      "We've already called you back 3 times for this call. Tap Call me now when you're free.",
    );
    expect(await page.getByTestId('retry-button').count()).toBe(0);
    await shot(page, 'retry-limit');
  });
});
