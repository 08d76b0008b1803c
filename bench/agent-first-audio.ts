/**
 * Agent first audio: a LINE user asks "call me now" and taps Accept at once; how long
 * from the agent's dispatch until the first agent audio their page decodes. The real stack: the
 * dev server with a real livekit-server, the agent worker (agent/main.ts) as production runs it
 * (`start`: job processes started ahead, the worker's own load threshold), eSpeak NG's voice, and
 * the app's agent-call page in headless Chromium.
 *
 *   start  livekit-server's own time for the dispatch (AgentDispatchService ListDispatch,
 *          `state.created_at`); the time the bench sent POST /api/agent-calls when the server
 *          gives none (the figure says which)
 *   end    the first time the page's inbound audio (the agent's: the only voice the callee
 *          receives) is louder than −34 dBFS once decoded: WebRTC's `audioLevel` statistic
 *          (the recent peak of the decoded samples), polled every 20 ms or so from here, stamped
 *          with the stats report's own time (the page's performance.timeOrigin + now). So the end
 *          is late by up to one poll (a poll takes 20–100 ms on a loaded machine). An
 *          AudioWorklet on the track was tried first and never ran: the page's own timers and
 *          audio stalled unless the bench polled it (firstLoudSample,
 *          bench/agent-first-audio-calls.ts, which runs the calls).
 *
 * The callee taps at once (the page opens as the POST returns, as LINE's Accept button opens it
 * with ?autoAccept=1), so the figure is the stack's own delay, not a person's. One warm-up call,
 * then BENCH_RUNS (5) calls, each as the next dev user (a user may ask for 5 calls an hour), in English,
 * one at a time. A worker that says nothing makes the figure an error, never a number.
 *
 * Media: the worker's libwebrtc skips loopback candidates, so the whole measurement runs in a
 * network namespace of its own (tests/support/offline.sh: `lo` and a veth pair, nothing else),
 * in a child process the bench kills after CHILD_TIMEOUT_MS. Each page's media is checked to have
 * stayed on the machine.
 *
 * The phone leg (sipp through livekit-sip) is not measured: livekit-sip cannot be built here
 * (dev/sip-install.ts), and the row says so.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hasChromium } from '../dev/chromium';
import { findLivekitServer, findOnPath, LIVEKIT_CACHE_DIR } from '../dev/livekit-binary';
import { LOUD_DBFS, type Call, type FirstAudioRun } from './agent-first-audio-calls';
import { measureInChild } from './child-measure';
import { fixed, median, type Figure } from './report';

const FIRST_AUDIO_BUDGET_MS = 2_000;
const CHILD_TIMEOUT_MS = 8 * 60_000;
const PAGE_NAME = 'agent first audio: dispatch → first agent audio at the callee, LIFF page';
const PHONE_NAME = 'agent first audio: dispatch → first agent audio at the callee, sipp phone';

export async function agentFirstAudio(): Promise<Figure[]> {
  const skip = (detail: string): Figure => ({
    name: PAGE_NAME,
    value: 'skipped',
    budget: `≤ ${fixed(FIRST_AUDIO_BUDGET_MS)} ms`,
    pass: null,
    detail,
  });
  if (!hasChromium()) return [skip('no Chromium'), phoneLeg()];
  if (!findLivekitServer())
    return [skip('no livekit-server (npm run livekit:install)'), phoneLeg()];
  if (!findOnPath('espeak-ng')) return [skip('no espeak-ng (the worker’s voice)'), phoneLeg()];
  const run = await measureInChild<FirstAudioRun>({
    script: 'agent-first-audio-calls.ts',
    wrapper: ['sh', 'tests/support/offline.sh'],
    timeoutMs: CHILD_TIMEOUT_MS,
  });
  return [pageFigure(run), phoneLeg()];
}

function pageFigure(run: FirstAudioRun): Figure {
  const fromDispatch = run.calls.every((call) => call.dispatchAt !== undefined);
  const start = (call: Call) => (fromDispatch ? call.dispatchAt! : call.postAt);
  const ms = run.calls.map((call) => call.loudAt - start(call));
  const value = median(ms);
  const after = (call: Call, at: number | undefined) =>
    at === undefined ? '?' : fixed(at - start(call));
  return {
    name: PAGE_NAME,
    value: `${fixed(value)} ms`,
    budget: `≤ ${fixed(FIRST_AUDIO_BUDGET_MS)} ms`,
    pass: value <= FIRST_AUDIO_BUDGET_MS,
    detail: `median of ${ms.length} (min ${fixed(Math.min(...ms))}, max ${fixed(Math.max(...ms))}); from ${fromDispatch ? 'livekit-server’s dispatch created_at' : 'the POST (no dispatch time)'}; load ${run.load.map((n) => n.toFixed(1)).join('→')}`,
    explain: [
      `${run.network}; first sample above ${LOUD_DBFS} dBFS decoded by the page`,
      'per call, ms after the start: page opened / page joined (connected) / first agent audio bytes / first loud sample',
      ...[run.warmUp, ...run.calls].map(
        (call, i) =>
          `${i === 0 ? 'warm-up' : `call ${i}`} (${call.user}): ${[call.pageOpenedAt, call.connectedAt, call.trackAt, call.loudAt].map((at) => after(call, at)).join(' / ')}`,
      ),
    ],
    data: { ...run, ms },
  };
}

/** The sipp leg needs livekit-sip between livekit-server and the phone. */
function phoneLeg(): Figure {
  const sip = findOnPath('livekit-sip') ?? cachedLivekitSip();
  return {
    name: PHONE_NAME,
    value: 'not measured',
    budget: `≤ ${fixed(FIRST_AUDIO_BUDGET_MS)} ms`,
    pass: null,
    detail: sip
      ? `livekit-sip at ${sip}, but this bench has no phone leg yet`
      : 'not measured: livekit-sip unavailable (the Go proxy refuses github.com/livekit/sip)',
  };
}

/** npm run sip:install's build, next to livekit-server's in the cache folder. */
function cachedLivekitSip(): string | undefined {
  const cache = dirname(LIVEKIT_CACHE_DIR);
  if (!existsSync(cache)) return undefined;
  return readdirSync(cache)
    .filter((dir) => dir.startsWith('livekit-sip-'))
    .map((dir) => join(cache, dir, 'livekit-sip'))
    .find((path) => existsSync(path));
}
