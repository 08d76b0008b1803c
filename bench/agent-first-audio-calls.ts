/**
 * The calls of the agent first-audio figure (bench/agent-first-audio.ts says what is measured
 * and how), run as a script inside the network namespace: the dev server with the real
 * livekit-server and the worker in `start` mode, Chromium, one warm-up call and RUNS more.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { AgentDispatchClient } from 'livekit-server-sdk';
import type { AgentCallView } from '../api/_lib/contract';
import { launchChromium } from '../dev/chromium';
import { DEV_USERS, type DevUser } from '../dev/dev-users';
import { startDevServer, type DevServer } from '../dev/server';
import {
  mediaStats,
  REAL_MEDIA_CHROMIUM_ARGS,
  recordPeerConnections,
  stayedOnMachine,
} from '../tests/support/real-media';
import { reportToParent } from './child-measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The level the figure counts as the agent speaking. */
export const LOUD_DBFS = -34;
const HEAR_TIMEOUT_MS = 30_000;
const END_TIMEOUT_MS = 20_000;

/** One call, in epoch milliseconds. */
export interface Call {
  user: string;
  sid: string;
  postAt: number;
  /** livekit-server's created_at for the dispatch (undefined when it gave none). */
  dispatchAt: number | undefined;
  pageOpenedAt: number;
  /** The page's first peer connection connected (it joined the room). */
  connectedAt?: number;
  /** The first audio bytes (the agent's) reached the page. */
  trackAt?: number;
  loudAt: number;
}

export interface FirstAudioRun {
  calls: Call[];
  /** The first call, not counted. */
  warmUp: Call;
  load: [number, number];
  network: string;
}

async function measure(): Promise<FirstAudioRun> {
  // The services the bench's own environment may name: here everything is the dev server's.
  for (const name of Object.keys(process.env)) {
    if (/^(DATABASE_URL|POSTGRES_URL|LINE_|QSTASH_|LIVEKIT_|PUBLIC_BASE_URL)/.test(name)) {
      delete process.env[name];
    }
  }
  const load = loadavg()[0]!;
  const server = await startDevServer({
    port: 0,
    dataDir: null,
    prod: true, // dist/, as npm run bench builds it
    quiet: true,
    testing: true,
    functions: 'in-process',
    livekit: 'real',
    agentWorker: true,
    agentWorkerMode: 'start',
  });
  const browser = await launchChromium(REAL_MEDIA_CHROMIUM_ARGS);
  try {
    const dispatches = new AgentDispatchClient(
      process.env.LIVEKIT_URL!.replace(/^ws/, 'http'),
      process.env.LIVEKIT_API_KEY!,
      process.env.LIVEKIT_API_SECRET!,
    );
    const calls: Call[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const user = DEV_USERS[run % DEV_USERS.length]!;
      const call = await oneCall(server, browser, dispatches, user);
      calls.push(call);
      await callEnded(server, user, call.sid);
    }
    return {
      calls: calls.slice(1),
      warmUp: calls[0]!,
      load: [load, loadavg()[0]!],
      network:
        process.env.LIFF_CALLS_NETNS === '1'
          ? `in a network namespace (lo${process.env.LIFF_CALLS_TEST_IP ? ` + veth ${process.env.LIFF_CALLS_TEST_IP}` : ''})`
          : 'on the host network (no namespace could be made)',
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function oneCall(
  server: DevServer,
  browser: Browser,
  dispatches: AgentDispatchClient,
  user: DevUser,
): Promise<Call> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    permissions: ['camera', 'microphone'],
  });
  try {
    await recordPeerConnections(context);
    const page = await context.newPage();
    const authorization = `Bearer ${await idToken(server, user)}`;
    const postAt = Date.now();
    const started = await fetch(`${server.url}/api/agent-calls`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ to: { lineUserId: user.userId }, language: 'en' }),
    });
    if (started.status !== 201) throw new Error(`call me now: ${await started.text()}`);
    const { agentCall } = (await started.json()) as { agentCall: AgentCallView };
    const pageOpenedAt = Date.now();
    // Where LINE's Accept button leads, signed in as the dev user.
    await page.goto(
      `${server.url}/agent-call/${agentCall.sid}?autoAccept=1&devUser=${user.displayName.toLowerCase()}`,
    );
    const heard = await firstLoudSample(page);
    const dispatch = await dispatches.listDispatch(agentCall.room);
    if (!stayedOnMachine(await mediaStats(page))) throw new Error('media left the machine');
    const state = dispatch[0]?.state;
    return {
      user: user.displayName,
      sid: agentCall.sid,
      postAt,
      dispatchAt: epochMs(state?.createdAt),
      pageOpenedAt,
      ...heard,
    };
  } finally {
    await context.close();
  }
}

/** The callee has hung up (the context closed): wait until the app has ended the call. */
async function callEnded(server: DevServer, user: DevUser, sid: string): Promise<void> {
  const deadline = Date.now() + END_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/api/agent-calls/${sid}`, {
      headers: { authorization: `Bearer ${await idToken(server, user)}` },
    });
    const { agentCall } = (await response.json()) as { agentCall: AgentCallView };
    if (agentCall.endedAt !== null || agentCall.failureReason !== null) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`call ${sid} was still live ${END_TIMEOUT_MS / 1000} s after the callee left`);
}

/**
 * Polls the page's statistics until the agent's audio is loud enough. Polled from here, as the
 * real-media tests poll their pages: a headless page's own timers were seen to stall for tens
 * of seconds here between polls (its livekit-client did not join until the bench looked at it).
 */
async function firstLoudSample(page: Page) {
  const level = 10 ** (LOUD_DBFS / 20);
  const deadline = Date.now() + HEAR_TIMEOUT_MS;
  const heard: { connectedAt?: number; trackAt?: number } = {};
  let last = { at: 0, connected: false, bytes: 0, level: 0 };
  while (Date.now() < deadline) {
    last = await inboundAudio(page).catch(() => last);
    if (last.connected) heard.connectedAt ??= last.at || Date.now();
    if (last.bytes > 0) heard.trackAt ??= last.at;
    if (last.level >= level) return { ...heard, loudAt: last.at };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(
    `no agent audio above ${LOUD_DBFS} dBFS within ${HEAR_TIMEOUT_MS / 1000} s (${last.connected ? 'the page joined' : 'the page never joined'}, ${last.bytes} audio bytes received)`,
  );
}

/**
 * The page's inbound audio now, as WebRTC's statistics report it once decoded for playout:
 * `audioLevel` is 0–1 (the recent peak of the decoded samples), `at` the report's own time
 * (epoch ms, the page's performance.timeOrigin + now).
 */
function inboundAudio(page: Page) {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] })
      .__peerConnections;
    const audio = { at: 0, connected: false, bytes: 0, level: 0 };
    for (const pc of pcs ?? []) {
      if (pc.connectionState === 'connected') audio.connected = true;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
        audio.at = Math.max(audio.at, Number(s.timestamp));
        audio.bytes += Number(s.bytesReceived ?? 0);
        audio.level = Math.max(audio.level, Number(s.audioLevel ?? 0));
      });
    }
    return audio;
  });
}

/** livekit-server's int64 times (nanoseconds in v1.13) as epoch ms; undefined when unset. */
function epochMs(at: bigint | undefined): number | undefined {
  if (!at) return undefined;
  const n = Number(at);
  if (n > 1e17) return n / 1e6;
  if (n > 1e14) return n / 1e3;
  if (n > 1e11) return n;
  return undefined; // whole seconds: too coarse for this figure
}

async function idToken(server: DevServer, user: DevUser): Promise<string> {
  const response = await fetch(`${server.url}/__dev/line/id-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: user.userId }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log = () => {}; // the app's own log lines
  await reportToParent(await measure());
  process.exit(0);
}
