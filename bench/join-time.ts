/**
 * Join time with the real livekit-server, headless Chromium over loopback only (the
 * server offers 127.0.0.1 candidates alone, no STUN; checked on every run):
 *   join          Bob sits in conf-th; Alice, on Setup, taps Join: time until Bob's page has
 *                 decoded her first video frame. In the same run, a bare livekit-client page
 *                 (bundled here with esbuild: no app code, a token minted beforehand) connects and
 *                 publishes the same fake camera; the ratio app / bare has a budget of ≤ 1.3.
 *   1:1 accept    Bob's ringing page, Accept tapped: time until both pages receive audio. ≤ 1.5 s.
 * Fresh browser context per run, one warm-up, then RUNS; medians. Needs a livekit-server binary
 * (npm run livekit:install); without one the figures say so.
 */
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mintJoinToken } from '../api/_lib/livekit/tokens';
import { resetConfig } from '../api/_lib/config';
import { hasChromium, launchChromium } from '../dev/chromium';
import { findLivekitServer } from '../dev/livekit-binary';
import { signIn, startCall } from '../tests/support/calls';
import { stayedOnMachine, mediaStats, recordPeerConnections } from '../tests/support/real-media';
import { startTestEnvironment, type TestEnvironment } from '../tests/support/test-environment';
import { fixed, median, type Figure } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOM = 'conf-th';
const JOIN_RATIO_BUDGET = 1.3;
const ACCEPT_BUDGET_MS = 1500;
const VIEWPORT = { width: 768, height: 1024 };

export async function joinTime(): Promise<Figure[]> {
  const skip = (detail: string): Figure[] => [
    {
      name: 'join time (app / bare livekit-client)',
      value: 'skipped',
      budget: '≤ 1.3×',
      pass: null,
      detail,
    },
    { name: '1:1 accept → both hear', value: 'skipped', budget: '≤ 1,500 ms', pass: null, detail },
  ];
  if (!hasChromium()) return skip('no Chromium');
  if (!findLivekitServer()) return skip('no livekit-server (npm run livekit:install)');

  resetConfig();
  const env = await startTestEnvironment({ livekit: 'real' });
  const browser = await launchChromium(['--allow-loopback-in-peer-connection']);
  try {
    const bare = await bareClientScript();
    return [...(await conferenceJoin(env, browser, bare)), await acceptToAudio(env, browser)];
  } finally {
    await browser.close();
    await env.close();
    resetConfig();
  }
}

async function conferenceJoin(env: TestEnvironment, browser: Browser, bare: string) {
  const { bob } = env.users;
  const bobContext = await newContext(browser);
  const bobPage = await joinAsApp(env, bobContext, bob.displayName.toLowerCase());
  const app: number[] = [];
  const direct: number[] = [];
  try {
    for (let run = 0; run <= RUNS; run++) {
      const appMs = await timed(browser, bobPage, async (page) => {
        await page.goto(`${env.url}/?devUser=alice`);
        await page.getByTestId(`room-preset-${ROOM.slice(5)}`).click();
        await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
        return () => page.getByTestId('join-button').click();
      });
      const { token, url } = await mintJoinToken({
        room: ROOM,
        identity: `bare-${run}`,
        name: 'Bare',
      });
      // The bare page is an inline script on one of the dev server's pages, which the app's CSP
      // (script-src 'self') refuses: its context bypasses the CSP, as a page of its own would.
      const bareMs = await timed(
        browser,
        bobPage,
        async (page) => {
          await page.goto(`${env.url}/__dev/line/users`);
          await page.addScriptTag({ content: bare });
          return () => page.evaluate(`window.bareJoin(${JSON.stringify({ url, token })})`);
        },
        { bypassCSP: true },
      );
      if (run > 0) {
        app.push(appMs);
        direct.push(bareMs);
      }
    }
    const stats = await mediaStats(bobPage);
    if (!stayedOnMachine(stats)) throw new Error(`media left loopback: ${JSON.stringify(stats)}`);
  } finally {
    await bobContext.close();
  }
  const ratio = median(app) / median(direct);
  return [
    {
      name: 'join time: tap Join → first frame decoded on the other page',
      value: `${fixed(median(app))} ms`,
      budget: '',
      pass: null,
      detail: `bare livekit-client ${fixed(median(direct))} ms`,
      data: { app, bare: direct },
    },
    {
      name: 'join time, app / bare livekit-client',
      value: `${fixed(ratio, 2)}×`,
      budget: `≤ ${JOIN_RATIO_BUDGET}×`,
      pass: ratio <= JOIN_RATIO_BUDGET,
      detail: `medians of ${RUNS}, same run`,
    },
  ] satisfies Figure[];
}

/**
 * A fresh context prepared by `setUp`; the clock starts when the action it returns is done
 * (a tap), and stops when `watcher` decodes a video stream more than it did before.
 */
async function timed(
  browser: Browser,
  watcher: Page,
  setUp: (page: Page) => Promise<() => Promise<unknown>>,
  options: { bypassCSP?: boolean } = {},
): Promise<number> {
  const context = await newContext(browser, options);
  try {
    const page = await context.newPage();
    const act = await setUp(page);
    const before = (await mediaStats(watcher)).videoStreamsDecoding;
    const started = performance.now();
    await act();
    await until(async () => (await mediaStats(watcher)).videoStreamsDecoding > before);
    return performance.now() - started;
  } finally {
    await context.close();
    // Let the other page drop the departed stream before the next run counts again.
    await until(async () => (await watcherStreams(watcher)) === 0);
  }
}

const watcherStreams = async (page: Page) =>
  page.locator('.lk-participant-tile[data-lk-local-participant="false"]').count();

async function acceptToAudio(env: TestEnvironment, browser: Browser): Promise<Figure> {
  const { alice, carol } = env.users;
  await signIn(env, alice, carol);
  const samples: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const [aliceContext, carolContext] = [await newContext(browser), await newContext(browser)];
    try {
      const started = await startCall(env, alice, carol, { media: 'audio' });
      if (started.status !== 201) throw new Error(`start: ${await started.text()}`);
      const { call } = (await started.json()) as { call: { id: string } };
      const [alicePage, carolPage] = [await aliceContext.newPage(), await carolContext.newPage()];
      await alicePage.goto(`${env.url}/call/${call.id}?devUser=alice`);
      await carolPage.goto(`${env.url}/call/${call.id}?devUser=carol`);
      await carolPage.getByTestId('accept-button').waitFor();
      await until(
        async () =>
          (await carolPage.getByTestId('call-page').getAttribute('data-media')) === 'connected',
      );
      const t0 = performance.now();
      await carolPage.getByTestId('accept-button').click();
      const hearing = async (page: Page) => (await mediaStats(page)).audioBytesReceived > 0;
      await until(async () => (await hearing(alicePage)) && (await hearing(carolPage)));
      if (run > 0) samples.push(performance.now() - t0);
      await alicePage.getByTestId('end-button').click();
    } finally {
      await aliceContext.close();
      await carolContext.close();
    }
  }
  const value = median(samples);
  return {
    name: '1:1 accept → both sides receive audio',
    value: `${fixed(value)} ms`,
    budget: `≤ ${fixed(ACCEPT_BUDGET_MS)} ms`,
    pass: value <= ACCEPT_BUDGET_MS,
    detail: `median of ${RUNS}`,
    data: samples,
  };
}

async function joinAsApp(env: TestEnvironment, context: BrowserContext, user: string) {
  const page = await context.newPage();
  await page.goto(`${env.url}/?devUser=${user}`);
  await page.getByTestId(`room-preset-${ROOM.slice(5)}`).click();
  await page.getByTestId('join-button').click();
  await page.locator('[data-testid=meeting-page][data-state=connected]').waitFor();
  return page;
}

async function newContext(
  browser: Browser,
  options: { bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...options,
    viewport: VIEWPORT,
    locale: 'en-US',
    permissions: ['camera', 'microphone'],
  });
  await recordPeerConnections(context);
  return context;
}

/** livekit-client alone: connect with a token, publish the camera (as the app's Join does). */
async function bareClientScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { Room } from 'livekit-client';
        window.bareJoin = async ({ url, token }) => {
          const room = new Room();
          await room.connect(url, token, { rtcConfig: { iceServers: [] } });
          await room.localParticipant.setCameraEnabled(true);
        };`,
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
  });
  return result.outputFiles[0]!.text;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
