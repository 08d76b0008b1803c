/**
 * What the assistant reported, in the browser (the dev server in test mode, the LiveKit
 * stand-in, no media): the ended call's page and the Calls list show the outcome, the transcript
 * opens in a sheet at 375 px; with no agent worker running, the page says no assistant is there.
 */
import { describe, expect, test } from 'vitest';
import { DEV_AGENT_WORKER_KEY } from '../../api/_lib/config';
import { agentCallStatusOf, useAgentCallPhone } from '../support/agent-call-pages';
import { canRunBrowserTests } from '../support/browser-world';
import { useBrowserWorld } from '../support/use-browser-world';

describe.skipIf(!canRunBrowserTests)("the assistant's report in the browser", () => {
  const world = useBrowserWorld({ testing: true });
  const alice = useAgentCallPhone(world);

  /** POST /api/agent-worker as the worker does. */
  const report = async (body: object) => {
    const response = await fetch(`${world.server.url}/api/agent-worker`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${DEV_AGENT_WORKER_KEY}`,
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  };

  /** LiveKit says `identity` joined the room (or the room finished), signed by the stand-in. */
  const roomEvent = async (event: string, room: string, identity?: string) => {
    const delivery = await world.server.livekit!.signWebhook({
      event,
      id: `EV_${Math.random().toString(36).slice(2)}`,
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
      room: { name: room },
      ...(identity ? { participant: { identity } } : {}),
    });
    const response = await fetch(`${world.server.url}/api/webhooks/livekit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/webhook+json',
        authorization: delivery.authorization,
      },
      body: delivery.body,
    });
    expect(response.status).toBe(200);
  };

  test('an ended call: its page and the Calls list show "Confirmed"; the transcript opens', async () => {
    const { page, appUrl, shot, api, advance, callMeNow } = alice;
    await advance(3600);
    await page.goto(appUrl('/agent-call'));
    const call = await callMeNow();
    const room = `agent-${call.sid}`;
    // Alice answers: her room identity is the one her join token carries.
    const { identity } = await api<{ identity: string }>(page, '/api/token', { room });
    await roomEvent('participant_joined', room, identity);
    const at = new Date().toISOString();
    const turns = [
      ['agent', 'Hello Alice. Your invoice A-17 of 3,000 yen is due on Friday. Can you pay?'],
      ['callee', 'Yes'],
      ['agent', 'Thank you. Goodbye.'],
    ];
    for (const [seq, [speaker, text]] of turns.entries()) {
      await report({ type: 'turn', sid: call.sid, seq, speaker, text, at });
    }
    await report({ type: 'outcome', sid: call.sid, outcome: 'confirmed', at });
    await roomEvent('room_finished', room);

    await page.goto(appUrl(`/agent-call/${call.sid}`));
    await expect.poll(() => agentCallStatusOf(page)).toBe('ended');
    expect(await page.getByTestId('agent-call-result').textContent()).toBe('Confirmed');
    await shot(page, 'ended-confirmed');

    await page.goto(appUrl('/history'));
    const row = page.locator(`[data-testid="agent-call-row"][href$="/agent-call/${call.sid}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-outcome')).toBe('confirmed');
    expect(await row.textContent()).toContain('Confirmed');
    await shot(page, 'history-outcome');
    await page.locator('li', { has: row }).getByTestId('agent-call-transcript-button').click();
    const sheet = page.getByTestId('transcript-sheet');
    await sheet.getByTestId('transcript').waitFor();
    const said = sheet.getByTestId('transcript-turn');
    expect(await said.evaluateAll((items) => items.map((li) => li.dataset.speaker))).toEqual([
      'agent',
      'callee',
      'agent',
    ]);
    expect(await said.nth(1).textContent()).toBe('YouYes');
    expect(await sheet.getByTestId('transcript-result').textContent()).toBe('Confirmed');
    // Readable on a phone: nothing sticks out sideways.
    const width = await sheet.evaluate((dialog) => dialog.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await shot(page, 'transcript');
    await sheet.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => sheet.count()).toBe(0);
  });

  test('no agent worker: within 20 s the page says no assistant is available', async () => {
    const { page, appUrl, shot, advance, callMeNow } = alice;
    await advance(3600);
    world.server.livekit!.agentWorker(false);
    try {
      await page.goto(appUrl('/agent-call'));
      const call = await callMeNow();
      await page.goto(appUrl(`/agent-call/${call.sid}`));
      await page.getByTestId('accept-button').waitFor();
      await advance(20);
      await expect.poll(() => agentCallStatusOf(page), { timeout: 10_000 }).toBe('failed');
      expect(await page.getByTestId('agent-call-failure').textContent()).toBe(
        'No assistant is available right now.',
      );
      await shot(page, 'no-agent');
    } finally {
      world.server.livekit!.agentWorker(true);
    }
  });
});
