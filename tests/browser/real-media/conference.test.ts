/**
 * Conference rooms with real media: Alice, Bob and Carol (three browser contexts, fake camera and
 * mic) join the same preset room on a real livekit-server. Each page must decode the other two
 * videos and receive their audio, show the others' mute and camera-off, lose a tile when someone
 * leaves, come back from a network cut, and ask for a tap where autoplay is blocked.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESULTS } from '../../support/browser-world';
import {
  blockAutoplayUntilTap,
  canRunRealMedia,
  stayedOnMachine,
  mediaStats,
  recordPeerConnections,
} from '../../support/real-media';
import { useRealMediaWorld } from '../../support/use-browser-world';

const ROOM = 'conf-jp';
// A tablet: on a phone the grid pages two tiles at a time, and a tile off-page is not rendered.
const TABLET = { width: 768, height: 1024 };
const remoteTiles = (page: Page) =>
  page.locator('.lk-participant-tile[data-lk-local-participant="false"]');
const tileOf = (page: Page, name: string) =>
  remoteTiles(page).filter({ has: page.locator('.lk-participant-name', { hasText: name }) });

describe.skipIf(!canRunRealMedia)('conference rooms with a real media server', () => {
  const world = useRealMediaWorld();
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};

  const joinRoom = async (
    browser: Browser,
    name: string,
    options: { withoutMedia?: boolean; blockAutoplay?: boolean } = {},
  ): Promise<Page> => {
    const context = await browser.newContext({
      viewport: TABLET,
      locale: 'en-US',
      permissions: ['camera', 'microphone'],
    });
    contexts.push(context);
    const page = await context.newPage();
    await recordPeerConnections(page);
    if (options.blockAutoplay) await blockAutoplayUntilTap(page);
    await page.goto(`${world.server.url}/?devUser=${name.toLowerCase()}`);
    await page.getByTestId(`room-preset-${ROOM.slice(5)}`).click();
    if (options.withoutMedia) {
      await page.getByTestId('camera-toggle').click();
      await page.getByTestId('mic-toggle').click();
    }
    await page.getByTestId('join-button').click();
    await page.locator('[data-testid=meeting-page][data-state=connected]').waitFor();
    return page;
  };

  beforeAll(async () => {
    for (const name of ['Alice', 'Bob', 'Carol']) pages[name] = await joinRoom(world.browser, name);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
  });

  test('each of three people sees and hears the other two, over loopback only', async () => {
    for (const [name, page] of Object.entries(pages)) {
      await expect.poll(() => remoteTiles(page).count(), { timeout: 15_000 }).toBe(2);
      await expect
        .poll(async () => (await mediaStats(page)).videoStreamsDecoding, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(2);
      await expect
        .poll(async () => (await mediaStats(page)).audioStreamsReceiving, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(2);
      // Read until the selected pairs are reported: a leak would keep this false.
      await expect
        .poll(async () => stayedOnMachine(await mediaStats(page)), {
          timeout: 10_000,
          message: name,
        })
        .toBe(true);
    }
    await pages.Alice!.screenshot({ path: join(RESULTS, 'real-conference-alice-375x667.png') });
  });

  test("Bob's mute shows on the others' tiles, and his camera off shows his placeholder", async () => {
    const bob = pages.Bob!;
    await bob.locator('button[data-lk-source="microphone"]').click();
    for (const name of ['Alice', 'Carol']) {
      const mic = tileOf(pages[name]!, 'Bob').locator('.lk-track-muted-indicator-microphone');
      await expect.poll(() => mic.getAttribute('data-lk-muted'), { timeout: 5_000 }).toBe('true');
    }
    await bob.locator('button[data-lk-source="camera"]').click();
    for (const name of ['Alice', 'Carol']) {
      const tile = tileOf(pages[name]!, 'Bob');
      await expect
        .poll(() => tile.getAttribute('data-lk-video-muted'), { timeout: 5_000 })
        .toBe('true');
      await expect.poll(() => tile.locator('.lk-participant-placeholder').isVisible()).toBe(true);
    }
    await pages.Alice!.screenshot({ path: join(RESULTS, 'real-conference-bob-muted-375x667.png') });
    await bob.locator('button[data-lk-source="microphone"]').click();
    await bob.locator('button[data-lk-source="camera"]').click();
    const mic = tileOf(pages.Alice!, 'Bob').locator('.lk-track-muted-indicator-microphone');
    await expect.poll(() => mic.count(), { timeout: 5_000 }).toBe(0);
  });

  test("Alice's screen share reaches the others as a second video of hers, decoded", async () => {
    // Headless Chromium with --use-fake-ui-for-media-stream answers getDisplayMedia with a fake
    // 1280x720 "screen" (checked with 156), so the share is real media end to end.
    const alice = pages.Alice!;
    const before = (await mediaStats(pages.Bob!)).videoStreamsDecoding;
    await alice.locator('button[data-lk-source="screen_share"]').click();
    for (const name of ['Bob', 'Carol']) {
      const page = pages[name]!;
      await expect
        .poll(async () => (await mediaStats(page)).videoStreamsDecoding, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(before + 1);
      const shared = page.locator(
        '.lk-participant-tile[data-lk-source="screen_share"][data-lk-local-participant="false"]',
      );
      await expect.poll(() => shared.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    }
    await pages.Bob!.screenshot({ path: join(RESULTS, 'real-conference-screen-share.png') });
    await alice.locator('button[data-lk-source="screen_share"]').click();
    const shared = pages.Bob!.locator('.lk-participant-tile[data-lk-source="screen_share"]');
    await expect.poll(() => shared.count(), { timeout: 10_000 }).toBe(0);
  });

  test('a cut network shows "Reconnecting" and the meeting comes back with video', async () => {
    const carol = pages.Carol!;
    const cdp = await carol.context().newCDPSession(carol);
    const network = (offline: boolean) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    await cdp.send('Network.enable');
    await network(true);
    const banner = carol.getByTestId('connection-state');
    // Carol's LINE language is Thai: the state, not the words.
    await expect
      .poll(() => banner.getAttribute('data-state'), { timeout: 20_000 })
      .toMatch(/reconnecting/i);
    await carol.screenshot({ path: join(RESULTS, 'real-conference-reconnecting-375x667.png') });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await network(false);
    await expect
      .poll(() => banner.getAttribute('data-state'), { timeout: 20_000 })
      .toBe('connected');
    const before = (await mediaStats(carol)).framesDecoded;
    await expect
      .poll(async () => (await mediaStats(carol)).framesDecoded, { timeout: 10_000 })
      .toBeGreaterThan(before);
    await cdp.detach();
  });

  test('leaving removes the tile on the others', async () => {
    await pages.Carol!.getByTestId('leave-button').click();
    for (const name of ['Alice', 'Bob']) {
      await expect.poll(() => remoteTiles(pages[name]!).count(), { timeout: 10_000 }).toBe(1);
      expect(await tileOf(pages[name]!, 'Carol').count()).toBe(0);
    }
  });

  test('where autoplay is blocked, "Tap to enable audio" shows and a tap starts the sound', async () => {
    // Headless Chromium plays sound without a gesture whatever --autoplay-policy says (checked
    // with 149), so the page gets the browser's refusal as a phone's web view gives it: play()
    // rejects with NotAllowedError until the user has tapped.
    const page = await joinRoom(world.browser, 'Carol', {
      withoutMedia: true,
      blockAutoplay: true,
    });
    await page.reload();
    await page.locator('[data-testid=meeting-page][data-state=connected]').waitFor();
    // "Tap to enable audio", in Carol's Thai.
    const button = page.locator('button.start-audio');
    await button.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(RESULTS, 'real-conference-start-audio.png') });
    await button.click();
    await expect.poll(() => button.isVisible(), { timeout: 5_000 }).toBe(false);
    const playing = () =>
      page.evaluate(
        () => [...document.querySelectorAll('audio')].filter((audio) => !audio.paused).length,
      );
    await expect.poll(playing, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
  });
});
