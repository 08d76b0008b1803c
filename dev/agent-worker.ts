/**
 * The agent worker (agent/main.ts) as a child of `npm run dev` and the real-media tests, next to
 * the livekit-server they start: registered under the agent name the app then dispatches, ready
 * once LiveKit has accepted its registration, stopped with the server.
 *
 * Its media needs an address that is not loopback: libwebrtc in @livekit/rtc-node skips loopback
 * candidates, so livekit-server must also offer a private address of this machine (`mediaIp`,
 * see livekit-config.ts). Media between two processes of this machine stays on it either way.
 */
import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REGISTER_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 5_000;

export interface AgentWorkerProcess {
  close(): Promise<void>;
}

/**
 * The address media can use besides loopback: the test namespace's veth (LIFF_CALLS_TEST_IP),
 * else a private (RFC 1918) IPv4 of this machine, else none.
 */
export function mediaAddress(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LIFF_CALLS_TEST_IP) return env.LIFF_CALLS_TEST_IP;
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  return addresses.find(
    (a) =>
      a.family === 'IPv4' &&
      !a.internal &&
      /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a.address),
  )?.address;
}

/**
 * Starts `agent/main.ts dev` (the framework's development mode: no pre-started job processes, a
 * free port for its health page) with the app's LiveKit and the app's address to report to; or,
 * with `mode: 'start'`, as `npm run agent` runs it in production (job processes started ahead,
 * JSON logs, its health page on port 8081: the bench runs it so, in a network namespace).
 */
export async function startAgentWorker(options: {
  env: Record<string, string>;
  /** Print everything the worker logs (else only its own `[agent]` lines). */
  echo: boolean;
  mode?: 'dev' | 'start';
}): Promise<AgentWorkerProcess> {
  const mode = options.mode ?? 'dev';
  const child = spawn(process.execPath, ['--import', 'tsx', 'agent/main.ts', mode], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const registered = new Promise<void>((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log = (log + text).slice(-20_000);
      if (options.echo || text.includes('[agent]')) process.stderr.write(text);
      if (text.includes('registered worker')) resolve();
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    void exited.then((code) => reject(new Error(`the agent worker exited (${code}):\n${log}`)));
    setTimeout(
      () => reject(new Error(`the agent worker did not register within 45 s:\n${log}`)),
      REGISTER_TIMEOUT_MS,
    ).unref();
  });
  const close = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    await registered;
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}
