// Calls to /api/*: the LIFF ID token as a bearer token, the UI language as Accept-Language, and
// every failure turned into one ApiError carrying the server's { error: { code, message } }.
import { getLocale } from './i18n';
import { getIdToken } from './liff';

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

export async function apiPost<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const headers = {
    Authorization: `Bearer ${await getIdToken()}`,
    'Accept-Language': getLocale(),
    'Content-Type': 'application/json',
  };
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = (json as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      detail?.code ?? `http_${response.status}`,
      detail?.message ?? response.statusText,
    );
  }
  return json as T;
}
