/**
 * The function host: a plain Node process (no tsx, no Vite) that imports compiled functions as
 * native ES modules, as Vercel's Node runtime does, and answers the dev server's forwarded
 * requests. tsx and vitest resolve an extensionless relative import that Node's ESM loader
 * refuses (ERR_MODULE_NOT_FOUND on Vercel), so only a plain Node process shows such a break.
 *
 * Started by `dev/compiled-functions.ts` with a JSON table (route file → module path) on argv;
 * it imports every module first and prints one line: `{"port":…,"failures":[…]}`.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  apiError,
  FUNCTION_HEADER,
  invokeFunction,
  ORIGIN_HEADER,
  type FunctionModule,
} from './invoke-function';
import { sendWebResponse, toWebRequest } from './node-http';

const table = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const modules = new Map<string, FunctionModule>();
const failures: { file: string; error: string }[] = [];
for (const [file, path] of Object.entries(table)) {
  try {
    modules.set(file, (await import(pathToFileURL(path).href)) as FunctionModule);
  } catch (error) {
    failures.push({ file, error: error instanceof Error ? error.message : String(error) });
  }
}

const server = createServer(async (req, res) => {
  try {
    const file = String(req.headers[FUNCTION_HEADER] ?? '');
    const module = modules.get(file);
    const failure = failures.find((f) => f.file === file);
    const origin = String(req.headers[ORIGIN_HEADER] ?? 'http://localhost');
    delete req.headers[FUNCTION_HEADER];
    delete req.headers[ORIGIN_HEADER];
    const request = await toWebRequest(req, origin);
    if (!module) {
      const message = failure
        ? `api/${file} failed to load as Vercel would load it: ${failure.error}`
        : `No function api/${file}.`;
      return await sendWebResponse(res, apiError(500, 'function_failed_to_load', message));
    }
    await sendWebResponse(res, await invokeFunction(module, request));
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal', message: 'Function host error.' } }));
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, failures })}\n`);
});
process.on('disconnect', () => process.exit(0));
