/**
 * Listen in and take over with real media: Bob talks in a conference room (fake mic), and Alice's
 * console joins that room as an operator would join a call's. A UI TEST AGAINST THE CONTRACT for
 * the server side: the monitor and `…/listen` / `…/take-over` are answered with page.route, the
 * tokens minted here with the grants the console API is to give (listen: hidden, subscribe only;
 * take over: publish). The page, livekit-client and the media server are real.
 */
import { join } from 'node:path';
import { AccessToken } from 'livekit-server-sdk';
import type { Page, Route } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import type { CampaignMonitor, OperatorRoomToken } from '../../../api/_lib/console-contract';
import { RESULTS } from '../../support/browser-world';
import { apiAs } from '../../support/call-pages';
import {
  blockAutoplayUntilTap,
  canRunRealMedia,
  mediaStats,
  recordPeerConnections,
} from '../../support/real-media';
import { useRealMediaWorld } from '../../support/use-browser-world';

const ROOM = 'conf-jp';
const SID = 'sid-bob';

async function operatorToken(speak: boolean): Promise<OperatorRoomToken> {
  const token = new AccessToken(process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET, {
    identity: `operator-${speak ? 'speaking' : 'listening'}`,
    name: 'Alice (operator)',
    ttl: 300,
  });
  token.addGrant({
    room: ROOM,
    roomJoin: true,
    canSubscribe: true,
    canPublish: speak,
    canPublishData: false,
    hidden: !speak,
  });
  return { token: await token.toJwt(), serverUrl: process.env.LIVEKIT_URL!, room: ROOM };
}

const json = (route: Route, body: unknown) =>
  route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

describe.skipIf(!canRunRealMedia)('an operator listens in and takes over, with real media', () => {
  const world = useRealMediaWorld();
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close().catch(() => {});
  });

  const bobTalks = async (): Promise<Page> => {
    const context = await world.browser.newContext({
      viewport: { width: 768, height: 1024 },
      locale: 'en-US',
      permissions: ['camera', 'microphone'],
    });
    closers.push(() => context.close());
    const page = await context.newPage();
    await recordPeerConnections(page);
    await page.goto(`${world.server.url}/?devUser=bob`);
    await page.getByTestId(`room-preset-${ROOM.slice(5)}`).click();
    await page.getByTestId('join-button').click();
    await page.locator('[data-testid=meeting-page][data-state=connected]').waitFor();
    return page;
  };

  test('Alice hears Bob (after the click autoplay needs), then speaks in his room', async () => {
    const bob = await bobTalks();
    const created = await apiAs(world.server.url, world.user('Alice'), '/api/console/campaigns', {
      name: 'Listen in',
      script: 'reminder',
      language: 'en',
      defaultCountry: 'JP',
    });
    const { campaign } = (await created.json()) as { campaign: { id: string } };

    const context = await world.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      permissions: ['microphone'],
    });
    closers.push(() => context.close());
    const alice = await context.newPage();
    await recordPeerConnections(alice);
    await blockAutoplayUntilTap(alice);
    await alice.route(`**/api/console/campaigns/${campaign.id}/monitor`, (route) =>
      json(route, monitor(campaign.id)),
    );
    await alice.route(`**/api/console/calls/${SID}/listen`, async (route) =>
      json(route, await operatorToken(false)),
    );
    await alice.route(`**/api/console/calls/${SID}/take-over`, async (route) =>
      json(route, await operatorToken(true)),
    );
    await alice.goto(`${world.server.url}/console/campaigns/${campaign.id}?devUser=alice`);

    const call = alice.getByRole('listitem', { name: 'Call with Bob' });
    // Joining from the keyboard: no pointer tap, so the browser still blocks sound.
    await call.getByRole('button', { name: 'Listen in' }).focus();
    await alice.keyboard.press('Enter');
    const bar = alice.getByTestId('operator-bar');
    await expect.poll(() => bar.textContent(), { timeout: 20_000 }).toContain('Listening to Bob');
    await expect
      .poll(async () => (await mediaStats(alice)).audioStreamsReceiving, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await alice.getByTestId('operator-audio').locator('audio').count()).toBeGreaterThan(0);
    const hear = alice.getByRole('button', { name: 'Click to hear the call' });
    if (await hear.isVisible()) {
      await alice.screenshot({ path: join(RESULTS, 'console-listen-blocked.png') });
      await hear.click();
      await expect.poll(() => hear.isVisible(), { timeout: 10_000 }).toBe(false);
    }
    // Listening is hidden: Bob sees nobody.
    const remoteTiles = bob.locator('.lk-participant-tile[data-lk-local-participant="false"]');
    expect(await remoteTiles.count()).toBe(0);

    await call.getByRole('button', { name: 'Take over' }).click();
    await expect
      .poll(() => bar.textContent(), { timeout: 20_000 })
      .toContain("You're speaking with Bob — the agent has left");
    await expect.poll(() => remoteTiles.count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(async () => (await mediaStats(bob)).audioStreamsReceiving, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    await alice.screenshot({ path: join(RESULTS, 'console-take-over.png') });

    await alice.getByRole('button', { name: 'Leave the call' }).click();
    await expect.poll(() => remoteTiles.count(), { timeout: 20_000 }).toBe(0);
    expect(await bar.count()).toBe(0);
  });
});

function monitor(id: string): CampaignMonitor {
  const now = Date.now();
  return {
    campaign: { id, name: 'Listen in', status: 'running', concurrency: 1 },
    leads: {
      pending: 0,
      dialing: 0,
      in_call: 1,
      retry_scheduled: 0,
      done: 0,
      failed: 0,
      skipped: 0,
    },
    outcomes: {
      no_answer: 0,
      busy: 0,
      failed: 0,
      confirmed: 0,
      declined: 0,
      call_back_later: 0,
      no_response: 0,
      completed: 0,
    },
    liveCalls: [
      {
        sid: SID,
        leadId: 1,
        attempt: 1,
        callee: { phone: '+819012345678', lineUserId: null, name: 'Bob' },
        status: 'answered',
        startedAt: new Date(now - 30_000).toISOString(),
        answeredAt: new Date(now - 20_000).toISOString(),
        transcript: [
          { speaker: 'agent', text: 'Hello Bob.', at: new Date(now - 15_000).toISOString() },
        ],
        takenOverBy: null,
      },
    ],
    at: new Date(now).toISOString(),
  };
}
