/**
 * The name the worker registers under for explicit dispatch, when LIVEKIT_AGENT_NAME is unset:
 * `npm run dev` sets LIVEKIT_AGENT_NAME to it for the app when it starts the worker, so the app
 * dispatches exactly the worker it started.
 */
export const DEFAULT_AGENT_NAME = 'liff-calls-agent';

/**
 * The worker's key to the app where dev keys are allowed (LIVEKIT_DEV_KEYS=1: the dev server and
 * the tests); the app accepts it only there. Deployed, AGENT_WORKER_KEY must be set on both.
 */
export const DEV_AGENT_WORKER_KEY = 'dev-agent-worker-key';
