/**
 * Runs a real livekit-server for `npm run dev` and the real-media tests: free loopback ports, the
 * generated config (livekit-config.ts), ready once its HTTP port answers. It keeps the server's
 * log and reads from it every webhook delivery with the status our receiver answered, so a test
 * can assert that the real server's webhooks were all accepted. The process dies with ours.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { findLivekitServer, livekitServerVersion } from './livekit-binary';
import { livekitConfig, LOOPBACK, type LivekitConfigInit } from './livekit-config';

export interface WebhookDelivery {
  event: string;
  status: number | undefined;
  error: string | undefined;
}

export interface LivekitServer {
  /** The WebSocket URL clients and the server SDK use (ws://127.0.0.1:<port>). */
  url: string;
  version: string;
  webhooks(): WebhookDelivery[];
  /** The server's log so far (JSON lines), for a failing test to show. */
  log(): string;
  close(): Promise<void>;
}

export interface LivekitServerInit extends Omit<LivekitConfigInit, 'ports'> {
  binary: string;
  version: string;
  /** Print the server's warnings and errors (not its info lines) to this process's stderr. */
  echoWarnings?: boolean;
}

/** Short, so a call whose last participant vanished ends within seconds in dev and tests. */
export const DEV_DEPARTURE_TIMEOUT_S = 5;
const DEV_EMPTY_TIMEOUT_S = 30;
const READY_TIMEOUT_MS = 20_000;
const LOG_LIMIT = 2_000_000;

async function startLivekitServer(init: LivekitServerInit): Promise<LivekitServer> {
  const ports = {
    http: await freePort('tcp'),
    rtcTcp: await freePort('tcp'),
    rtcUdp: await freePort('udp'),
  };
  const config = livekitConfig({ ...init, ports });
  const child = spawn(init.binary, ['--config-body', JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let log = '';
  const webhooks: WebhookDelivery[] = [];
  let partial = '';
  const onOutput = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (log.length < LOG_LIMIT) log += `${line}\n`;
      const entry = parseLine(line);
      if (!entry) continue;
      if (entry.msg === 'sent webhook' || entry.msg === 'failed to send webhook') {
        webhooks.push({
          event: String(entry.event ?? ''),
          status: typeof entry.statusCode === 'number' ? entry.statusCode : undefined,
          error: typeof entry.error === 'string' ? entry.error : undefined,
        });
      }
      if (init.echoWarnings && ['warn', 'error', 'fatal'].includes(String(entry.level))) {
        console.error(`[livekit-server] ${line}`);
      }
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const url = `ws://${LOOPBACK}:${ports.http}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM starts a graceful drain that waits for rooms to empty; nothing here needs it.
    child.kill('SIGKILL');
    await exited;
  };
  try {
    await waitUntilReady(`http://${LOOPBACK}:${ports.http}/`, exited, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    version: init.version,
    webhooks: () => [...webhooks],
    log: () => log,
    close: stop,
  };
}

async function waitUntilReady(
  url: string,
  exited: Promise<number | null>,
  log: () => string,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`livekit-server exited (${exitCode}) at start:\n${log().slice(-2000)}`);
    }
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`livekit-server did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
}

function parseLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A loopback port free right now (the OS picks it), TCP or UDP. */
export function freePort(kind: 'tcp' | 'udp'): Promise<number> {
  return new Promise((resolve, reject) => {
    if (kind === 'udp') {
      const socket = createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, LOOPBACK, () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
      return;
    }
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What `npm run dev` uses for LiveKit: a real server it started, or the stand-in and why. */
export type DevLivekit =
  { kind: 'real'; server: LivekitServer } | { kind: 'stand-in'; reason: string };

/**
 * Starts the real server when a binary can be had, unless asked for the stand-in (fault
 * injection in tests). `required` turns "no binary" or a failed start into an error.
 */
export async function startDevLivekit(options: {
  want: 'real' | 'stand-in';
  required: boolean;
  apiKey: string;
  apiSecret: string;
  webhookUrl: string;
  echoWarnings: boolean;
  mediaIp?: string;
  /** Redis (host:port) for livekit-sip; livekit-server then refuses to start without it. */
  redis?: string;
}): Promise<DevLivekit> {
  if (options.want === 'stand-in') return { kind: 'stand-in', reason: 'the tests asked for it' };
  const binary = findLivekitServer();
  if (!binary) {
    const reason = 'no livekit-server binary (npm run livekit:install builds one)';
    if (options.required) throw new Error(`LiveKit: ${reason}`);
    return { kind: 'stand-in', reason };
  }
  try {
    const server = await startLivekitServer({
      binary: binary.path,
      version: livekitServerVersion(binary.path),
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
      webhookUrl: options.webhookUrl,
      departureTimeout: DEV_DEPARTURE_TIMEOUT_S,
      emptyTimeout: DEV_EMPTY_TIMEOUT_S,
      echoWarnings: options.echoWarnings,
      mediaIp: options.mediaIp,
      redis: options.redis,
    });
    return { kind: 'real', server };
  } catch (error) {
    if (options.required) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { kind: 'stand-in', reason: `${binary.path} did not start: ${message}` };
  }
}
