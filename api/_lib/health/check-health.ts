/**
 * What a developer (or a monitor) needs to know at a glance: is the database reachable, which
 * services are real and which are the dev server's local stand-ins, which build is running, and
 * whether an agent worker is answering dispatches (and with which speech stack).
 */
import { getConfig } from '../config.js';
import { query } from '../db/pool.js';
import { recentHello, type WorkerHello } from '../db/agent-worker-reports.js';
import { WORKER_SEEN_SECONDS } from '../domain/agent-conversation.js';

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  database: { status: 'up' | 'down'; kind: 'postgres' | 'pglite (local stand-in)' };
  services: {
    line: 'real' | 'stand-in';
    qstash: 'real' | 'stand-in' | 'not configured';
    livekit: { url: string; reachable: boolean; media: boolean };
  };
  /** The agent worker for our agent name, if it said hello in the last 3 minutes. */
  agentWorker: WorkerHello | null;
}

const PROBE_TIMEOUT_MS = 1500;

export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const [databaseUp, livekitReachable, agentWorker] = await Promise.all([
    query('SELECT 1').then(
      () => true,
      () => false,
    ),
    reachable(config.livekit.apiUrl),
    // With the database down there is no hello to read; the database line says why.
    recentHello(config.agentCalls.agentName, WORKER_SEEN_SECONDS).then(
      (hello) => hello ?? null,
      () => null,
    ),
  ]);
  const standIns = new Set(config.localStandIns);
  return {
    status: databaseUp ? 'ok' : 'degraded',
    // The deployed commit on Vercel; "local" anywhere else.
    version: process.env.VERCEL_GIT_COMMIT_SHA?.slice(0, 7) ?? 'local',
    database: {
      status: databaseUp ? 'up' : 'down',
      kind: standIns.has('pglite') ? 'pglite (local stand-in)' : 'postgres',
    },
    services: {
      line: standIns.has('line') ? 'stand-in' : 'real',
      qstash: standIns.has('qstash') ? 'stand-in' : config.qstash ? 'real' : 'not configured',
      // The dev server's LiveKit stand-in answers the server API but carries no media.
      livekit: {
        url: config.livekit.url,
        reachable: livekitReachable,
        media: livekitReachable && !standIns.has('livekit'),
      },
    },
    agentWorker,
  };
}

/** livekit-server answers plain HTTP on its root; any answer means it is up. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}
