/**
 * Helpers every function file uses: run a handler body and map what it throws, and read a JSON
 * body with the limits bad input must hit before it reaches a use case (415, 413, 400).
 */
import type * as z from 'zod/mini';
import { AppError, badRequest, errorResponse } from './errors.js';

/** 16 KiB is far above any request of ours and far below what could hurt a function. */
export const MAX_JSON_BYTES = 16 * 1024;

export async function respond(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    return errorResponse(error);
  }
}

export async function readJson<Schema extends z.ZodMiniType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  const raw = await readBody(request);
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 415, 'Send the body as application/json.');
  }
  const result = schema.safeParse(parseJson(raw));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    const first = issues[0];
    throw badRequest(
      'invalid_request',
      first ? `${first.path || 'body'}: ${first.message}` : 'Invalid request.',
      { issues },
    );
  }
  return result.data;
}

/**
 * JSON.parse, refusing text Postgres cannot store (NUL characters, unpaired surrogates) with a 400
 * here rather than a 500 from the database later.
 */
export function parseJson(raw: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('invalid_json', 'The body is not valid JSON.');
  }
  if (hasUnstorableText(parsed)) {
    throw badRequest('invalid_text', 'The body contains characters that cannot be stored.');
  }
  return parsed;
}

// NUL is exactly what this looks for.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Walks any JSON value without recursion, so deeply nested input cannot overflow the stack. */
export function hasUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (UNSTORABLE.test(next)) return true;
    } else if (Array.isArray(next)) {
      pending.push(...next);
    } else if (next !== null && typeof next === 'object') {
      for (const [key, inner] of Object.entries(next)) {
        if (UNSTORABLE.test(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

/** Reads the raw body as text, refusing anything over the limit without buffering it all. */
export async function readBody(request: Request, maxBytes = MAX_JSON_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', 413, `The body is larger than ${maxBytes} bytes.`);
}
