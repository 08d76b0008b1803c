// Calls to /api/*: the LIFF ID token as a bearer token, the UI language as Accept-Language, and
// every failure turned into one ApiError carrying the server's { error: { code, message, … } }.
import { getLocale } from './i18n';
import { getIdToken } from './liff';

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

interface ErrorBody {
  error?: { code?: string; message?: string; [field: string]: unknown };
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('GET', path, undefined, options);
}

export function apiPost<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('POST', path, JSON.stringify(body), options);
}

async function apiRequest<T>(
  method: 'GET' | 'POST',
  path: string,
  body: string | undefined,
  { signal, headers: extra }: RequestOptions,
): Promise<T> {
  const headers = {
    Authorization: `Bearer ${await getIdToken()}`,
    'Accept-Language': getLocale(),
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...extra,
  };
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const { code, message, ...details } = (json as ErrorBody | null)?.error ?? {};
    throw new ApiError(
      response.status,
      code ?? `http_${response.status}`,
      message ?? response.statusText,
      details,
    );
  }
  return json as T;
}

/** A short code for an error message: the API's code, else the error's own message. */
export function errorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return error instanceof Error ? error.message : String(error);
}
