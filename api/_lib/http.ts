/**
 * Helpers every function file uses: run a handler body and map what it throws, and read a JSON
 * body with the limits bad input must hit before it reaches a use case (415, 413, 400).
 */
import type { z } from 'zod';
import { AppError, badRequest, errorResponse } from './errors';

/** 16 KiB is far above any request of ours and far below what could hurt a function. */
export const MAX_JSON_BYTES = 16 * 1024;

export async function respond(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    return errorResponse(error);
  }
}

export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  const raw = await readBody(request);
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 415, 'Send the body as application/json.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('invalid_json', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(parsed);
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
