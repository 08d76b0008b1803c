/**
 * Functions loaded the way the deployment loads them. `npm run dev` compiles each `api/` file on
 * its own to ESM (as Vercel's build does: specifiers kept, nothing bundled) and serves them from
 * a plain Node child process (`function-host.ts`), recompiling when a file changes; the deploy
 * check points the same host at `vercel build`'s `.vercel/output` instead. A function that would
 * not load once deployed fails here too, with the loader's message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { FUNCTION_HEADER, ORIGIN_HEADER } from './invoke-function';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Inside the project's node_modules, so the compiled files resolve packages as deployed. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'liff-calls');

/** Route file (`calls/[id].ts`, as under api/) → the compiled module to import. */
export type FunctionTable = Record<string, string>;

export interface FunctionFailure {
  file: string;
  error: string;
}

export interface FunctionHost {
  failures: FunctionFailure[];
  forward(file: string, request: Request): Promise<Response>;
  close(): Promise<void>;
}

/** Compiles every `.ts` under api/ file by file into a fresh folder; returns the functions. */
async function compileFunctions(outDir: string): Promise<FunctionTable> {
  const apiDir = join(ROOT, 'api');
  const files = (await readdir(apiDir, { recursive: true })).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
  );
  for (const file of files) {
    const { code } = await transform(await readFile(join(apiDir, file), 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: 'node22',
      sourcefile: join(apiDir, file),
    });
    const target = join(outDir, 'api', file.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code);
  }
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
  const table: FunctionTable = {};
  for (const file of files.filter((f) => !f.split('/').some((part) => part.startsWith('_')))) {
    table[file] = join(outDir, 'api', file.replace(/\.ts$/, '.js'));
  }
  return table;
}

/** The functions in `vercel build`'s output: each `<route>.func/` with its handler. */
async function vercelOutputFunctions(outputDir: string): Promise<FunctionTable> {
  const functionsDir = join(outputDir, 'functions', 'api');
  const entries = await readdir(functionsDir, { recursive: true });
  const table: FunctionTable = {};
  for (const entry of entries.filter((e) => e.endsWith('.func'))) {
    const config = JSON.parse(await readFile(join(functionsDir, entry, '.vc-config.json'), 'utf8'));
    table[entry.replace(/\.func$/, '.ts')] = join(functionsDir, entry, config.handler);
  }
  return table;
}

/** Where the functions come from: api/ compiled now, or a `vercel build` output folder. */
export type FunctionSource = 'api' | { vercelOutput: string };

export async function startFunctionHost(source: FunctionSource): Promise<FunctionHost> {
  await mkdir(CACHE, { recursive: true });
  const workDir = await mkdtemp(join(CACHE, 'functions-'));
  const table =
    source === 'api'
      ? await compileFunctions(workDir)
      : await vercelOutputFunctions(source.vercelOutput);
  const script = join(workDir, 'function-host.mjs');
  await build({
    entryPoints: [join(ROOT, 'dev', 'function-host.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: script,
    logLevel: 'error',
  });
  // process.execPath without tsx's loader flags: plain Node, as on Vercel.
  const child = spawn(process.execPath, [script, JSON.stringify(table)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: process.env,
  });
  const ready = await firstLine(child);
  const url = `http://127.0.0.1:${ready.port}`;
  return {
    failures: ready.failures,
    async forward(file, request) {
      const headers = new Headers(request.headers);
      headers.set(FUNCTION_HEADER, file);
      headers.set(ORIGIN_HEADER, new URL(request.url).origin);
      const { pathname, search } = new URL(request.url);
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const response = await fetch(`${url}${pathname}${search}`, {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        redirect: 'manual',
      });
      // fetch has already decoded the body; keep the rest of the answer as the function gave it.
      const out = new Headers(response.headers);
      out.delete('content-encoding');
      out.delete('content-length');
      out.delete('transfer-encoding');
      return new Response(response.body, { status: response.status, headers: out });
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * For `npm run dev`: hosts api/ compiled, and again (a new folder, a new host) after a file
 * under api/ changes, so an edit shows on the next request.
 */
export async function startWatchedFunctions(
  onReload: (failures: FunctionFailure[]) => void,
): Promise<FunctionHost> {
  let current = await startFunctionHost('api');
  let reloading: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const watchers = await watchFolders(join(ROOT, 'api'), () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      reloading = (async () => {
        const previous = current;
        current = await startFunctionHost('api');
        onReload(current.failures);
        await previous.close();
      })().catch((error) => console.error(error));
    }, 100);
  });
  return {
    get failures() {
      return current.failures;
    },
    async forward(file, request) {
      await reloading;
      return current.forward(file, request);
    },
    async close() {
      watchers.forEach((watcher) => watcher.close());
      clearTimeout(timer);
      await reloading;
      await current.close();
    },
  };
}

/**
 * One watcher per folder: Node's recursive watch on Linux follows files, and loses a file that
 * an editor or git replaces by renaming; a folder's watcher sees every change inside it.
 */
async function watchFolders(root: string, onChange: () => void): Promise<FSWatcher[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const folders = [
    root,
    ...entries.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name)),
  ];
  return folders.map((folder) => watch(folder, onChange));
}

function firstLine(child: ChildProcess): Promise<{ port: number; failures: FunctionFailure[] }> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) =>
      reject(new Error(`The function host exited (${code}) before it was ready.`)),
    );
  });
}

export function describeFailures(failures: FunctionFailure[]): string {
  return failures.map(({ file, error }) => `  api/${file} does not load: ${error}`).join('\n');
}
