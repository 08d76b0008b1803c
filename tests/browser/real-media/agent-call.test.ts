/**
 * The agent-call page with real media: Alice asks "call me now" and accepts in LINE; the page
 * joins the agent room audio-only. The assistant is played by a second Chromium page that joins
 * the same room with an agent's token minted here and publishes Chromium's fake microphone (a
 * beeping tone), which checks the page alone; agent-voice.test.ts has the real worker speak. The
 * page must hear it and never ask for the camera.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { AccessToken } from 'livekit-server-sdk';
import { getConfig } from '../../../api/_lib/config';
import { phone, RESULTS, type DevUser } from '../../support/browser-world';
import { appUrl, inboxUrl } from '../../support/call-pages';
import {
  canRunRealMedia,
  stayedOnMachine,
  mediaStats,
  recordPeerConnections,
} from '../../support/real-media';
import { useRealMediaWorld } from '../../support/use-browser-world';

declare global {
  interface Window {
    mediaRequests?: MediaStreamConstraints[];
  }
}

describe.skipIf(!canRunRealMedia)('the agent-call page with a real media server', () => {
  const world = useRealMediaWorld();
  let alice: DevUser;
  let aliceContext: BrowserContext;
  let toneContext: BrowserContext;

  beforeAll(async () => {
    alice = world.user('Alice');
    [aliceContext, toneContext] = await Promise.all([phone(world.browser), phone(world.browser)]);
    await recordPeerConnections(aliceContext);
    await aliceContext.addInitScript(() => {
      const media = navigator.mediaDevices;
      const getUserMedia = media.getUserMedia.bind(media);
      window.mediaRequests = [];
      media.getUserMedia = (constraints?: MediaStreamConstraints) => {
        window.mediaRequests!.push(JSON.parse(JSON.stringify(constraints ?? {})));
        return getUserMedia(constraints);
      };
    });
  });

  /**
   * A participant that joins `room` and publishes the fake microphone, through Vite's modules. Its
   * token says kind `agent`, as a worker's does: livekit-server then reports it as an AGENT, and
   * the session is not failed `no_agent` 20 s after the dispatch (docs/agent-worker.md#no-agent).
   */
  const publishTone = async (room: string): Promise<Page> => {
    const { url, apiKey, apiSecret } = getConfig().livekit;
    const grant = new AccessToken(apiKey, apiSecret, { identity: 'agent-AJ_tone', name: 'Tone' });
    grant.kind = 'agent';
    grant.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
    const token = await grant.toJwt();
    const page = await toneContext.newPage();
    await page.goto(`${world.server.url}/?devUser=carol`);
    // A string, not a function: vitest would rewrite a function's import() for Node.
    await page.evaluate(`(async () => {
      const { createRoom, connectRoom } = await import('/src/lib/livekit/connect-room.ts');
      const room = createRoom();
      const joined = await connectRoom(room, ${JSON.stringify({ url, token })});
      if (joined !== 'connected') throw new Error('the tone could not join: ' + joined);
      await room.localParticipant.setMicrophoneEnabled(true);
    })()`);
    return page;
  };

  test('Alice accepts the assistant in LINE and hears it, audio only, over loopback', async () => {
    const page = await aliceContext.newPage();
    await page.goto(appUrl(world.server.url, '/agent-call', alice));
    const started = page.waitForResponse(
      (r) => r.url().endsWith('/api/agent-calls') && r.request().method() === 'POST',
    );
    await page.getByTestId('call-me-now-button').click();
    const { agentCall } = (await (await started).json()) as {
      agentCall: { sid: string; room: string };
    };
    // In LINE the "call me now" window closes itself (liff.closeWindow); the mock's stays open,
    // and a second page of the same callee would join the room too once the call is answered.
    await page.close();

    const inbox = await aliceContext.newPage();
    await inbox.goto(inboxUrl(world.server.url, alice));
    const [answered] = await Promise.all([
      aliceContext.waitForEvent('page'),
      inbox.locator(`a[href*="/agent-call/${agentCall.sid}?autoAccept=1"]`).click(),
    ]);
    const callPage = answered.getByTestId('agent-call-page');
    await expect
      .poll(() => callPage.getAttribute('data-media'), { timeout: 15_000 })
      .toBe('connected');
    await expect
      .poll(() => callPage.getAttribute('data-status'), { timeout: 10_000 })
      .toBe('answered');

    await publishTone(agentCall.room);
    await expect
      .poll(async () => (await mediaStats(answered)).audioEnergy, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const stats = await mediaStats(answered);
    expect(stats.audioBytesReceived).toBeGreaterThan(0);
    expect(stats.videoStreamsDecoding).toBe(0);
    expect(stayedOnMachine(stats)).toBe(true);
    const requests = await answered.evaluate(() => window.mediaRequests ?? []);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((constraints) => constraints.video)).toEqual([]);
    await answered.screenshot({ path: join(RESULTS, 'real-agent-call-375x667.png') });

    await answered.getByTestId('hang-up-button').click();
    await expect.poll(() => callPage.getAttribute('data-status'), { timeout: 5_000 }).toBe('ended');
  });
});
