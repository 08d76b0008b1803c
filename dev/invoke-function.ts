/**
 * Calls a loaded function module the way Vercel does: the exported handler named after the
 * method, 405 with `Allow` when there is none. One place for it, used in process (tests) and by
 * the function host (`npm run dev`, the deploy check).
 */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Headers the dev server adds when it forwards a request to the function host. */
export const FUNCTION_HEADER = 'x-liff-calls-function';
/** The origin the browser used, so `request.url` reads as it did at the dev server. */
export const ORIGIN_HEADER = 'x-liff-calls-origin';

export type FunctionModule = Record<string, unknown>;

export async function invokeFunction(module: FunctionModule, request: Request): Promise<Response> {
  const handler = module[request.method];
  if (!METHODS.includes(request.method) || typeof handler !== 'function') {
    const allowed = METHODS.filter((method) => typeof module[method] === 'function');
    return apiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`, {
      allow: allowed.join(', '),
    });
  }
  return (handler as (request: Request) => Promise<Response>)(request);
}

export function apiError(status: number, code: string, message: string, headers = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}
