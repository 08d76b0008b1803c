/**
 * A Redis of our own for livekit-server's SIP state (trunks, dispatch rules, psrpc to livekit-sip)
 * in tests: Debian's `redis-server` on a free loopback port, nothing kept on disk. The real-media
 * suite runs in a network namespace where the machine's Redis (127.0.0.1:6379) is not reachable,
 * and a port of its own keeps a test from reading or wiping anyone else's data. Dies with us.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { findOnPath } from './livekit-binary';
import { LOOPBACK } from './livekit-config';
import { freePort } from './livekit-server';

export interface RedisServer {
  /** host:port, as livekit-server's and livekit-sip's `redis.address` take it. */
  address: string;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

export function findRedisServer(): string | undefined {
  return findOnPath('redis-server', ['/usr/sbin']);
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error('No redis-server on PATH (Debian: apt-get install redis-server).');
  const port = await freePort('tcp');
  const args = ['--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no'];
  const child = spawn(binary, [...args, '--protected-mode', 'yes', '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`redis-server did not start on port ${port}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { address: `${LOOPBACK}:${port}`, close };
}

/** Whether a Redis answers PING on the port (the inline command form, no client library). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, LOOPBACK);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString('utf8').startsWith('+PONG')));
  });
}
