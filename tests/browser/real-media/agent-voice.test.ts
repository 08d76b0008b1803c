/**
 * The agent worker with real media: Alice asks "call me now" and accepts in LINE; the worker
 * (agent/main.ts, started by the dev server next to livekit-server) greets her and reads the
 * reminder with eSpeak NG, the page plays its voice and shows the captions, and her phone's
 * microphone says a recorded "yes" (Chromium's fake capture from a WAV made here). The worker
 * recognises it with pocketsphinx and reports the outcome `confirmed` with both sides' turns,
 * then ends the call by deleting the room.
 *
 * The worker's reports pass through a recording tap on their way to the app: what the worker sent
 * is asserted at the tap, and what the app kept through `GET /api/agent-calls/:sid`.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AgentCallView } from '../../../api/_lib/contract';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEV_AGENT_WORKER_KEY } from '../../../api/_lib/config';
import { launchChromium } from '../../../dev/chromium';
import type { Report } from '../../../agent/server-reports';
import { phone, RESULTS } from '../../support/browser-world';
import { apiFromPage, appUrl, inboxUrl } from '../../support/call-pages';
import { startHttpTap, type HttpTap } from '../../support/http-tap';
import {
  canRunRealMedia,
  mediaStats,
  REAL_MEDIA_CHROMIUM_ARGS,
  recordPeerConnections,
} from '../../support/real-media';
import { recordSilence, recordSpokenReply } from '../../support/spoken-reply';
import { useBrowserWorld } from '../../support/use-browser-world';

const REPLY_FOLDER = join(tmpdir(), `liff-calls-replies-${process.pid}`);
const YES_WAV = join(REPLY_FOLDER, 'reply-yes.wav');
const LATER_WAV = join(REPLY_FOLDER, 'reply-call-me-later.wav');
const SILENCE_WAV = join(REPLY_FOLDER, 'reply-silence.wav');

describe.skipIf(!canRunRealMedia)('the agent worker speaks and listens', () => {
  let tap: HttpTap;
  // The app's own origin, known once the dev server listens (the worker says hello before the
  // test's world is filled in).
  let app = '';
  beforeAll(async () => {
    await mkdir(REPLY_FOLDER, { recursive: true });
    expect(await recordSpokenReply('yes', REPLY_FOLDER)).toBe(YES_WAV);
    expect(await recordSpokenReply('call me later', REPLY_FOLDER)).toBe(LATER_WAV);
    expect(await recordSilence(REPLY_FOLDER)).toBe(SILENCE_WAV);
    tap = await startHttpTap(() => app);
  });
  afterAll(() => tap?.close());
  const world = useBrowserWorld({
    livekit: 'real',
    agentWorker: true,
    agentWorkerAppUrl: (origin) => {
      app = origin;
      return tap.url;
    },
    chromiumArgs: [...REAL_MEDIA_CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${YES_WAV}`],
  });

  /** What the worker reported about one call, in the order it sent it. */
  const reportsFor = (sid: string) =>
    tap
      .requests(/^\/api\/agent-worker$/)
      .map((request) => {
        expect(request.headers.authorization).toBe(`Bearer ${DEV_AGENT_WORKER_KEY}`);
        return JSON.parse(request.body.toString('utf8')) as Report;
      })
      .filter((report) => 'sid' in report && report.sid === sid);

  /** Alice asks "call me now" on a phone of `browser` and accepts in LINE: the call page. */
  const answerCallMeNow = async (browser: Browser) => {
    const alice = world.user('Alice');
    const context = await phone(browser);
    await recordPeerConnections(context);
    const page = await context.newPage();
    await page.goto(appUrl(world.server.url, '/agent-call', alice));
    const started = page.waitForResponse(
      (r) => r.url().endsWith('/api/agent-calls') && r.request().method() === 'POST',
    );
    await page.getByTestId('call-me-now-button').click();
    const { agentCall } = (await (await started).json()) as { agentCall: { sid: string } };
    await page.close();

    const inbox = await context.newPage();
    await inbox.goto(inboxUrl(world.server.url, alice));
    const [answered] = await Promise.all([
      context.waitForEvent('page'),
      inbox.locator(`a[href*="/agent-call/${agentCall.sid}?autoAccept=1"]`).click(),
    ]);
    const callPage = answered.getByTestId('agent-call-page');
    await expect
      .poll(() => callPage.getAttribute('data-media'), { timeout: 15_000 })
      .toBe('connected');
    return { sid: agentCall.sid, context, answered, callPage };
  };

  /** The outcome the worker reported for `sid`, once it has. */
  const outcomeOf = async (sid: string) => {
    await expect
      .poll(() => reportsFor(sid).find((r) => r.type === 'outcome'), {
        timeout: 45_000,
        interval: 500,
      })
      .toBeDefined();
    return reportsFor(sid).find((r) => r.type === 'outcome');
  };
  /** The agent call as the app keeps it, read by its callee. */
  const keptByApp = async (page: Page, sid: string) => {
    const answer = await apiFromPage<{ agentCall: AgentCallView }>(
      page,
      world.user('Alice'),
      `/api/agent-calls/${sid}`,
    );
    expect(answer.status).toBe(200);
    return answer.body.agentCall;
  };
  const turnsOf = (sid: string) => {
    const turns = reportsFor(sid).filter((r) => r.type === 'turn');
    expect(turns.map((turn) => turn.seq)).toEqual(turns.map((_, i) => i));
    return turns.map((turn) => [turn.speaker, turn.text]);
  };

  test('Alice hears the reminder, sees it captioned, says "yes": confirmed', async () => {
    const { sid, context, answered, callPage } = await answerCallMeNow(world.browser);

    // The agent's voice arrives (it is the only one publishing), and its lines are captioned.
    const captions = answered.getByTestId('live-captions');
    await expect
      .poll(() => captions.textContent(), { timeout: 20_000 })
      .toContain('This is an automated payment reminder');
    await expect
      .poll(async () => (await mediaStats(answered)).audioEnergy, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await answered.screenshot({ path: join(RESULTS, 'agent-voice-captions-375x667.png') });

    // The question, then the recorded "yes": the outcome, then the room is gone.
    expect(await outcomeOf(sid)).toMatchObject({ type: 'outcome', outcome: 'confirmed' });
    expect(turnsOf(sid)).toEqual([
      ['agent', 'Hello Alice.'],
      ['agent', 'This is an automated payment reminder from LINE Calls.'],
      ['agent', 'You have a payment due soon.'],
      ['agent', 'Can you pay on time? Please say yes, no, or later.'],
      ['callee', expect.stringMatching(/^yes\b/)],
      ['agent', 'Thank you. We have noted that you will pay on time. Goodbye.'],
    ]);
    const kept = await keptByApp(answered, sid);
    expect(kept.outcome).toBe('confirmed');
    expect(kept.transcript?.map((turn) => [turn.speaker, turn.text])).toEqual(turnsOf(sid));
    await expect
      .poll(() => callPage.getAttribute('data-status'), { timeout: 15_000 })
      .toBe('ended');
    await context.close();
  });

  /** Runs `story` on a browser of its own whose microphone plays `wav` (it is set per browser). */
  const withMicrophone = async (wav: string, story: (browser: Browser) => Promise<void>) => {
    const browser = await launchChromium([
      ...REAL_MEDIA_CHROMIUM_ARGS,
      `--use-file-for-fake-audio-capture=${wav}`,
    ]);
    try {
      await story(browser);
    } finally {
      await browser.close();
    }
  };

  test('Alice says "call me later": the worker reports call_back_later', () =>
    withMicrophone(LATER_WAV, async (browser) => {
      const { sid, answered, callPage } = await answerCallMeNow(browser);
      expect(await outcomeOf(sid)).toMatchObject({ outcome: 'call_back_later' });
      expect((await keptByApp(answered, sid)).outcome).toBe('call_back_later');
      expect(turnsOf(sid).slice(-2)).toEqual([
        ['callee', expect.stringMatching(/later/)],
        ['agent', 'No problem. We will call you back later. Goodbye.'],
      ]);
      await expect
        .poll(() => callPage.getAttribute('data-status'), { timeout: 15_000 })
        .toBe('ended');
    }));

  // Her microphone is silent, so however slowly this machine runs, the call cannot finish on
  // its own before she hangs up.
  test('Alice hangs up while the agent speaks: the worker reports no_response', () =>
    withMicrophone(SILENCE_WAV, async (browser) => {
      const { sid, answered, callPage } = await answerCallMeNow(browser);
      await expect
        .poll(() => answered.getByTestId('live-captions').locator('li').count(), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      await answered.getByTestId('hang-up-button').click();
      expect(await outcomeOf(sid)).toMatchObject({ outcome: 'no_response' });
      expect(turnsOf(sid).every(([speaker]) => speaker === 'agent')).toBe(true);
      await expect
        .poll(() => callPage.getAttribute('data-status'), { timeout: 15_000 })
        .toBe('ended');
    }));
});
