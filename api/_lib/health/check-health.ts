/**
 * What a developer (or a monitor) needs to know at a glance: is the database reachable, which
 * services are real and which are the dev server's local stand-ins, and which build is running.
 */
import { getConfig } from '../config.js';
import { query } from '../db/pool.js';

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  database: { status: 'up' | 'down'; kind: 'postgres' | 'pglite (local stand-in)' };
  services: {
    line: 'real' | 'stand-in';
    qstash: 'real' | 'stand-in' | 'not configured';
    livekit: { url: string; reachable: boolean; media: boolean };
  };
}

const PROBE_TIMEOUT_MS = 1500;

export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const [databaseUp, livekitReachable] = await Promise.all([
    query('SELECT 1').then(
      () => true,
      () => false,
    ),
    reachable(config.livekit.apiUrl),
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
