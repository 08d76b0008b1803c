/**
 * The conference flow in headless Chromium with a fake camera and mic, against the dev server
 * (Vite + /api + the LINE stand-in, PGlite in a temp dir). No livekit-server runs here, so the
 * meeting must end on the plain "Can't reach the media server" screen, never a spinner.
 */
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, test } from 'vitest';
import { canRunBrowserTests, RESULTS } from '../support/browser-world';
import { useBrowserWorld } from '../support/use-browser-world';

describe.skipIf(!canRunBrowserTests)('conference rooms in the browser', () => {
  const world = useBrowserWorld();

  test('Alice joins a preset room with a short-lived token and is told the media server is unreachable', async () => {
    const alice = world.user('Alice');
    const context = await world.phone();
    const page = await context.newPage();
    await page.goto(`${world.server.url}/?devUser=alice`);

    await page.getByTestId('setup-page').waitFor();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Alice');
    await page.getByTestId('room-preset-kr').click();
    await expect
      .poll(() => page.getByTestId('room-preset-kr').getAttribute('aria-checked'))
      .toBe('true');
    // The fake camera is live in the preview before the screenshot.
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(RESULTS, 'setup-375x667.png') });
    await page.screenshot({ path: join(RESULTS, 'setup-full-375.png'), fullPage: true });

    const tokenResponse = page.waitForResponse(
      (r) => r.url().endsWith('/api/token') && r.request().method() === 'POST',
    );
    await page.getByTestId('join-button').click();
    const response = await tokenResponse;
    expect(response.status()).toBe(200);
    expect(response.request().headers()['authorization']).toMatch(/^Bearer ey/);
    expect(response.request().headers()['accept-language']).toBe('en');
    expect(page.url()).toBe(`${world.server.url}/meeting/conf-kr`);
    await page.getByTestId('meeting-page').waitFor();

    const body = (await response.json()) as { token: string; room: string; identity: string };
    // Everyone in the room sees the identity: an opaque one, never the LINE user id.
    expect(body).toMatchObject({ room: 'conf-kr', identity: expect.stringMatching(/^user-/) });
    expect(body.identity).not.toContain(alice.userId.slice(1));
    const claims = decodeJwt(body.token);
    expect(claims.sub).toBe(body.identity);
    expect(claims.name).toBe('Alice');
    expect(claims.video).toMatchObject({
      room: 'conf-kr',
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
    });
    const now = Date.now() / 1000;
    expect(claims.exp).toBeGreaterThan(now);
    expect(claims.exp).toBeLessThanOrEqual(now + 15 * 60 + 5);

    // Bounded: the app gives up on the media server after a few seconds and says so.
    const unreachable = page.getByTestId('media-unreachable');
    await unreachable.waitFor({ timeout: 15_000 });
    expect(await unreachable.textContent()).toContain("Can't reach the media server");
    expect(await unreachable.textContent()).toContain('livekit-server --dev');
    // The room URL is the dev server's own stand-in: not "the media server at <its port>".
    const explained = await page.getByTestId('media-unreachable-body').textContent();
    expect(explained).toBe(
      "No media server is running: this dev server only stands in for LiveKit's server API, with no sound or video.",
    );
    expect(explained).not.toContain(new URL(world.server.url).port);
    await page.screenshot({ path: join(RESULTS, 'meeting-unreachable-375x667.png') });

    // Back keeps the room selected on Setup.
    await unreachable.getByRole('button', { name: 'Back' }).click();
    await page.getByTestId('setup-page').waitFor();
    expect(await page.getByTestId('room-preset-kr').getAttribute('aria-checked')).toBe('true');
    await context.close();
  });

  test('where getUserMedia is missing (some LINE web views), Setup says so and joins without media', async () => {
    const context = await world.phone();
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: undefined });
    });
    await page.goto(`${world.server.url}/?devUser=alice`);
    const problem = page.getByTestId('media-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Open in your browser');
    await page.screenshot({ path: join(RESULTS, 'setup-no-media-375x667.png') });

    await page.getByTestId('join-without-media').click();
    await page.getByTestId('meeting-page').waitFor();
    expect(page.url()).toBe(`${world.server.url}/meeting/conf-jp`);
    await context.close();
  });

  test('a named room is checked with the server rule before joining', async () => {
    const context = await world.phone();
    const page = await context.newPage();
    await page.goto(`${world.server.url}/?devUser=alice`);
    const input = page.getByTestId('room-name-input');
    await input.fill('not ok!');
    await page.getByTestId('room-name-error').waitFor();
    expect(await page.getByTestId('join-button').isDisabled()).toBe(true);

    await input.fill('ห้องประชุม');
    expect(await page.getByTestId('room-name-error').count()).toBe(0);
    expect(await page.getByTestId('join-button').textContent()).toBe('Join conf-ห้องประชุม');
    await context.close();
  });

  test('Bob in a second window is himself, in his LINE language, and can switch users', async () => {
    const context = await world.phone();
    const page = await context.newPage();
    await page.goto(`${world.server.url}/?devUser=bob`);
    await page.getByTestId('setup-page').waitFor();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Bob');
    // Bob's LINE app language is Japanese.
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.screenshot({ path: join(RESULTS, 'setup-bob-ja-375x667.png') });

    await page
      .getByTestId('dev-user-bar')
      .locator('select')
      .selectOption(world.user('Carol').userId);
    await page.waitForURL((url) => !url.search.includes('devUser'));
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Carol');
    await context.close();
  });
});
