/**
 * Bridges Node's http server to Web-standard handlers, the way Vercel's Node runtime calls our
 * functions: a `Request` in, a `Response` out. Hand-written because it is a few dozen lines and
 * the dev server needs nothing else from a framework. Like Vercel, it reads the whole body first
 * (up to Vercel's 4.5 MB request limit): a handler that stops reading early then cannot leave a
 * half-read socket behind (Readable.toWeb throws on it, nodejs/node#64529).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Vercel refuses request bodies over 4.5 MB before a function runs. */
const MAX_REQUEST_BYTES = 4.5 * 1024 * 1024;

export class RequestTooLarge extends Error {}

export async function toWebRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? await readAll(req) : undefined,
  });
}

async function readAll(req: IncomingMessage): Promise<ArrayBuffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep reading to the end so the client gets its answer, but keep nothing.
    if (size > MAX_REQUEST_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  if (tooLarge) throw new RequestTooLarge();
  const body = Buffer.concat(chunks);
  return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
}

export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.appendHeader(name, value));
  if (!response.body) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}
