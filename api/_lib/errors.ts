/**
 * The one error type of the server. Anything a use case or adapter throws on purpose is an
 * AppError; `errorResponse` is the one place that turns any thrown value into a response of the
 * shape `{ "error": { "code", "message" } }`.
 */
import type { ErrorBody } from './contract.js';

export interface AppErrorOptions {
  /** True when the same request may succeed later (a dependency was down). */
  retryable?: boolean;
  cause?: unknown;
  /** Extra JSON the client may use (e.g. the current state on a 409). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(code: string, status: number, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.retryable = options.retryable ?? status >= 500;
    this.details = options.details;
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 400, message, { details });
export const unauthorized = (code: string, message: string, cause?: unknown) =>
  new AppError(code, 401, message, { cause });
export const forbidden = (code: string, message: string) => new AppError(code, 403, message);
export const notFound = (code: string, message: string) => new AppError(code, 404, message);
export const unavailable = (code: string, message: string, cause?: unknown) =>
  new AppError(code, 503, message, { retryable: true, cause });

export function errorResponse(error: unknown): Response {
  const appError =
    error instanceof AppError
      ? error
      : new AppError('internal', 500, 'Something went wrong on our side.', { cause: error });
  if (appError.status >= 500) {
    console.error(
      JSON.stringify({
        level: 'error',
        code: appError.code,
        message: appError.message,
        cause: describeCause(appError.cause),
      }),
    );
  }
  return Response.json(
    {
      error: { code: appError.code, message: appError.message, ...appError.details },
    } satisfies ErrorBody,
    { status: appError.status },
  );
}

function describeCause(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
