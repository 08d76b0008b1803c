/**
 * The worker's settings from its environment (read once at start). LIVEKIT_URL,
 * LIVEKIT_API_KEY and LIVEKIT_API_SECRET are read by the agents framework itself.
 */
import { DEFAULT_AGENT_NAME, DEV_AGENT_WORKER_KEY } from '../api/_lib/config';

export interface WorkerSettings {
  agentName: string;
  /** The app the worker reports to (PUBLIC_BASE_URL, as the app itself names its origin). */
  appUrl: string;
  workerKey: string | undefined;
  /** Who is calling when the context names no company (as the app's SERVICE_NAME). */
  serviceName: string;
}

export function workerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  return {
    agentName: env.LIVEKIT_AGENT_NAME || DEFAULT_AGENT_NAME,
    appUrl: env.PUBLIC_BASE_URL || 'http://localhost:3000',
    workerKey:
      env.AGENT_WORKER_KEY || (env.LIVEKIT_DEV_KEYS === '1' ? DEV_AGENT_WORKER_KEY : undefined),
    serviceName: (env.SERVICE_NAME || 'LINE Calls').slice(0, 40),
  };
}
