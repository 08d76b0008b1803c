// Calls to /api/*: the LIFF ID token as a bearer token, the UI language as Accept-Language, and
// every failure turned into one ApiError carrying the server's { error: { code, message, … } }.
// A deep link's first requests may be preloaded before its page renders (app/deep-links.ts): the
// page's first identical request (method, path, body) then gets that answer rather than asking
// again.
import type { ErrorBody } from '../../api/_lib/contract';
import { targetLocale } from './i18n/locale-store';
import { getIdToken } from './liff-id-token';

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's other fields, e.g. `call` with call_in_progress or `status` with invalid_state. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The contract's error body, read warily: a proxy in between may answer something else. */
type ErrorAnswer = { error?: Partial<ErrorBody['error']> } | null;

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Send now, for the page about to render to pick up. */
  preload?: boolean;
}

/** A preloaded answer left unclaimed this long is dropped: the page will ask afresh. */
const PRELOAD_TTL_MS = 10_000;
const preloaded = new Map<string, Promise<unknown>>();

export function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('GET', path, undefined, options);
}

export function apiPost<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('POST', path, JSON.stringify(body), options);
}

export function apiPatch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('PATCH', path, JSON.stringify(body), options);
}

/** A 204 on success; a refusal as an ApiError, like the others. */
export function apiDelete(path: string, options: RequestOptions = {}): Promise<void> {
  return apiRequest<void>('DELETE', path, undefined, options);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function apiRequest<T>(
  method: Method,
  path: string,
  body: string | undefined,
  options: RequestOptions,
): Promise<T> {
  const key = `${method} ${path} ${body ?? ''}`;
  if (options.preload) {
    const request = send<T>(method, path, body, options);
    request.catch(() => {}); // Its failure is for the page that claims it.
    preloaded.set(key, request);
    setTimeout(() => {
      if (preloaded.get(key) === request) preloaded.delete(key);
    }, PRELOAD_TTL_MS);
    return request;
  }
  const early = preloaded.get(key) as Promise<T> | undefined;
  if (!early) return send<T>(method, path, body, options);
  preloaded.delete(key);
  return untilAborted(early, options.signal);
}

/** A request already under way cannot be cancelled, but its caller can stop waiting for it. */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return answer;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    answer.then(resolve, reject);
  });
}

async function send<T>(
  method: Method,
  path: string,
  body: string | undefined,
  { signal, headers: extra }: RequestOptions,
): Promise<T> {
  const response = await apiFetch(path, {
    method,
    body,
    signal,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...extra },
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiError(response, json);
  return json as T;
}

/**
 * The request with this app's headers (the ID token, the UI language), for what the JSON helpers
 * do not cover: a file as the body, a conditional GET, a download. Only a request that got no
 * answer throws; the caller reads the response (apiError for a failed one).
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = {
    Authorization: `Bearer ${await getIdToken()}`,
    'Accept-Language': targetLocale(),
    ...(init.headers as Record<string, string> | undefined),
  };
  try {
    return await fetch(path, { ...init, headers });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
}

/** A failed response, with its JSON body already read, as an ApiError. */
export function apiError(response: Response, json: unknown): ApiError {
  const { code, message, ...details } = (json as ErrorAnswer)?.error ?? {};
  return new ApiError(
    response.status,
    code ?? `http_${response.status}`,
    message ?? response.statusText,
    details,
  );
}

/** A short code for an error message: the API's code, else the error's own message. */
export function errorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return error instanceof Error ? error.message : String(error);
}
