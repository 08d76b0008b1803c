/**
 * What the worker tells the app (`POST /api/agent-worker`, Bearer AGENT_WORKER_KEY): hello (which
 * speech stack is active), each transcript turn, each call's outcome. A report must never crash a
 * call: network errors and 5xx answers are retried a few times with a short backoff, then given
 * up with a log line; a 4xx (bad key, unknown session) is logged at once, since repeating it
 * would get the same answer.
 */

export type Report =
  | { type: 'hello'; agentName: string; speech: { stt: string; tts: string; llm: string | null } }
  | {
      type: 'turn';
      sid: string;
      seq: number;
      speaker: 'agent' | 'callee';
      text: string;
      at: string;
    }
  | { type: 'outcome'; sid: string; outcome: string; at: string };

/** The waits before each retry: four tries within about 3.5 s. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000];
const TIMEOUT_MS = 5_000;

export interface ServerReports {
  /** The answer's JSON body, or undefined when the report could not be delivered. */
  send(report: Report): Promise<unknown>;
}

export function serverReports(baseUrl: string, key: string): ServerReports {
  const url = new URL('/api/agent-worker', baseUrl).href;
  return {
    async send(report) {
      for (let attempt = 0; ; attempt++) {
        const failure = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(report),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        }).then(
          async (response) => {
            if (response.ok) return { body: (await response.json().catch(() => null)) as unknown };
            const text = (await response.text().catch(() => '')).slice(0, 200);
            return { status: response.status, error: `${response.status} ${text}` };
          },
          (error: unknown) => ({ status: 0, error: String(error) }),
        );
        if ('body' in failure) return failure.body;
        const delay = RETRY_DELAYS_MS[attempt];
        const retryable = failure.status === 0 || failure.status >= 500;
        if (!retryable || delay === undefined) {
          console.error(`[agent] ${report.type} report not delivered: ${failure.error}`);
          return undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    },
  };
}
