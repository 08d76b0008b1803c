/**
 * The agent worker (`agent/`, docs/agent-worker.md) proves itself with `Authorization: Bearer
 * <AGENT_WORKER_KEY>`, its own key: never the backend's AGENT_API_KEY, which may start calls.
 * Compared in constant time. A deployment without the key answers 503 `misconfigured`, so a
 * forgotten variable is told apart from a worker with the wrong key (401).
 */
import { getConfig } from '../config.js';
import { AppError, unauthorized } from '../errors.js';
import { sameSecret } from './authenticate-principal.js';

export function authenticateWorker(request: Request): void {
  const key = getConfig().agentCalls.workerKey;
  if (!key) {
    throw new AppError(
      'misconfigured',
      503,
      "Missing environment: AGENT_WORKER_KEY. See the README's environment table.",
    );
  }
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!presented || !sameSecret(presented, key)) {
    throw unauthorized('invalid_worker_key', 'Send the agent worker key as a Bearer token.');
  }
}
