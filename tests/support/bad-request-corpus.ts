/**
 * The fault suite's corpus of bad requests: every endpoint, each kind of bad input, drawn from a
 * seeded PRNG (mulberry32) so a seed always yields the same requests. Each kind appears at least
 * once; the rest are drawn at random. Requests are built to be refused (a mutated body always
 * breaks a required field); the few that are valid by accident may succeed, which is fine.
 * A handful of multi-megabyte bodies are added at the end, outside the random draw. `sendRequest`
 * sends one as it is.
 */
import { CALLBACK_KINDS } from './bad-callback-requests';
import { CONSOLE_KINDS } from './bad-console-requests';
import { bearer, type Draft, type Fixtures, type RequestSpec } from './bad-request-kinds';
import { USER_KINDS } from './bad-user-requests';
import { prng } from './seeded-random';

export type { Fixtures, RequestSpec };

const KINDS = [...USER_KINDS, ...CALLBACK_KINDS, ...CONSOLE_KINDS];

/** What the app answered; a request it never answered (a dropped connection) is a 599. */
export interface Answer {
  spec: RequestSpec;
  status: number;
  body: string;
}

export async function sendRequest(
  baseUrl: string,
  spec: RequestSpec,
  timeoutMs = 10_000,
): Promise<Answer> {
  try {
    const response = await fetch(`${baseUrl}${spec.path}`, {
      signal: AbortSignal.timeout(timeoutMs),
      method: spec.method,
      headers: spec.headers,
      body: spec.method === 'GET' ? undefined : spec.body,
      ...(spec.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { spec, status: response.status, body: await response.text() };
  } catch (error) {
    const cause = (error as Error & { cause?: Error & { code?: string } }).cause;
    const why = `${(error as Error).message}${cause ? `: ${cause.code ?? ''} ${cause.message}` : ''}`;
    return { spec, status: 599, body: `no answer: ${why}` };
  }
}

export async function badRequestCorpus(
  fixtures: Fixtures,
  seed: number,
  count: number,
): Promise<RequestSpec[]> {
  const rng = prng(seed);
  const specs: RequestSpec[] = [];
  const huge = multiMegabyte(fixtures);
  for (let i = 0; i < count - huge.length; i++) {
    const [endpoint, make] = i < KINDS.length ? KINDS[i]! : rng.pick(KINDS);
    specs.push(spec(endpoint, await make(rng, fixtures)));
  }
  return [...specs, ...huge];
}

function spec(endpoint: string, draft: Draft): RequestSpec {
  const { what, ...request } = draft;
  const preview = typeof request.body === 'string' ? ` ${request.body.slice(0, 80)}` : '';
  return { endpoint, label: `${request.method} ${request.path} (${what})${preview}`, ...request };
}

function multiMegabyte(f: Fixtures): RequestSpec[] {
  const megabytes = (n: number) => JSON.stringify({ room: 'x'.repeat(n * 1024 * 1024) });
  const streamed = (n: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode('y'.repeat(64 * 1024));
        for (let i = 0; i < n * 16; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
  const json = { 'content-type': 'application/json' };
  return [
    spec('oversized', {
      what: '4 MB with Content-Length',
      method: 'POST',
      path: '/api/token',
      headers: { ...json, ...bearer(f.tokens.alice) },
      body: megabytes(4),
    }),
    spec('oversized', {
      what: '4 MB streamed, no Content-Length',
      method: 'POST',
      path: '/api/webhooks/livekit',
      headers: json,
      body: streamed(4),
    }),
    spec('oversized', {
      what: '2 MB streamed, no Content-Length',
      method: 'POST',
      path: '/api/jobs/execute-retry',
      headers: json,
      body: streamed(2),
    }),
  ];
}
