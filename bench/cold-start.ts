/**
 * Figure 3 — cold start. Every function file in api/ (not _lib) is bundled as a build would ship
 * it: esbuild, ESM for Node 22, dependencies included, each dynamic import() left as a lazy chunk
 * (code splitting), as Node would load it unbundled. A fresh `node` process then times
 * `await import(entry)` until the module's handlers are there. In the same run, the same for an
 * entry that imports every server SDK at once. Each target is imported once to warm the disk
 * cache, then RUNS times, interleaved; the figure is the median. Budget: each function
 * ≤ 0.25 × the all-SDK import. From esbuild's metafile: which SDKs a function loads eagerly (in
 * its entry or the chunks the entry imports statically) and the size of what is eager and lazy.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { routesFromFiles } from '../dev/api-routes';
import { fixed, median, type Figure } from './report';

const RUNS = 7;
const SDKS = [
  'livekit-server-sdk',
  '@line/bot-sdk',
  '@upstash/qstash',
  'jose',
  'zod',
  'pg',
  '@vercel/functions',
];
const ALL_SDKS = 'all server SDKs';
// Node resolves `require` in the CommonJS dependencies (pg) through this shim in ESM output.
const BANNER = `import { createRequire as __benchRequire } from 'node:module';
const require = __benchRequire(import.meta.url);`;
const TIMER = `const t = performance.now();
const m = await import(process.env.BENCH_ENTRY);
const handler = ['GET', 'POST'].some((method) => typeof m[method] === 'function');
if (process.env.BENCH_HANDLER && !handler) throw new Error('no handler');
process.stdout.write(String(performance.now() - t));`;

interface Target {
  name: string;
  entry: string;
  eagerBytes: number;
  lazyBytes: number;
  eagerSdks: string[];
  /** Bytes each package (or app folder) adds to what is eager, largest first. */
  eagerByPackage: [string, number][];
}

export async function coldStart(root: string, outDir: string): Promise<Figure[]> {
  const apiDir = join(root, 'api');
  const files = routesFromFiles(await readdir(apiDir, { recursive: true })).map((r) => r.file);
  const targets = [
    await bundle(root, join(outDir, 'all-sdks'), ALL_SDKS, {
      contents: SDKS.map((sdk, i) => `export * as sdk${i} from '${sdk}';`).join('\n'),
      resolveDir: root,
    }),
  ];
  for (const file of files.sort()) {
    targets.push(
      await bundle(root, join(outDir, file.replace(/\W/g, '_')), file, join(apiDir, file)),
    );
  }

  const times = new Map(targets.map((t) => [t.name, [] as number[]]));
  for (const target of targets) await importTime(target); // warm the disk cache
  for (let run = 0; run < RUNS; run++) {
    for (const target of targets) times.get(target.name)!.push(await importTime(target));
  }

  const sdkMs = median(times.get(ALL_SDKS)!);
  const budget = 0.25 * sdkMs;
  return targets.map((target) => {
    const ms = median(times.get(target.name)!);
    const isBaseline = target.name === ALL_SDKS;
    const sdks = target.eagerSdks.length ? target.eagerSdks.join(', ') : 'none';
    return {
      name: `cold start: ${isBaseline ? ALL_SDKS : `api/${target.name}`}`,
      value: `${fixed(ms)} ms`,
      budget: isBaseline ? '(baseline)' : `≤ ${fixed(budget)} ms`,
      pass: isBaseline ? null : ms <= budget,
      detail: isBaseline
        ? `${kB(target.eagerBytes)}; median of ${RUNS} fresh processes`
        : `${fixed(ms / sdkMs, 2)} × all-SDK ${fixed(sdkMs)} ms; eager ${kB(target.eagerBytes)}, ` +
          `lazy ${kB(target.lazyBytes)}`,
      explain: isBaseline
        ? undefined
        : [
            `SDKs loaded eagerly: ${sdks}; largest eager parts: ${target.eagerByPackage
              .slice(0, 4)
              .map(([name, bytes]) => `${name} ${kB(bytes)}`)
              .join(', ')}`,
          ],
      data: { runsMs: times.get(target.name), ...target },
    };
  });
}

async function bundle(
  root: string,
  outdir: string,
  name: string,
  entry: string | { contents: string; resolveDir: string },
): Promise<Target> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { ...entry, sourcefile: 'all-sdks.ts', loader: 'ts' as const } }),
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    banner: { js: BANNER },
    // Optional in pg, never installed here.
    external: ['pg-native', 'cloudflare:sockets'],
    metafile: true,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const entryOut = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!;
  const eager = staticClosure(outputs, entryOut);
  const size = (paths: string[]) => paths.reduce((sum, path) => sum + outputs[path]!.bytes, 0);
  const all = Object.keys(outputs).filter((path) => path.endsWith('.mjs'));
  return {
    name,
    entry: pathToFileURL(join(root, entryOut)).href,
    eagerBytes: size(eager),
    lazyBytes: size(all.filter((path) => !eager.includes(path))),
    eagerSdks: SDKS.filter((sdk) =>
      eager.some((path) =>
        Object.keys(outputs[path]!.inputs).some((input) => input.includes(`node_modules/${sdk}/`)),
      ),
    ),
    eagerByPackage: byPackage(eager.map((path) => outputs[path]!)),
  };
}

function byPackage(chunks: Metafile['outputs'][string][]): [string, number][] {
  const bytes = new Map<string, number>();
  for (const chunk of chunks) {
    for (const [input, { bytesInOutput }] of Object.entries(chunk.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'app code';
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
}

/** The entry and every chunk it imports statically (what `import(entry)` evaluates). */
function staticClosure(outputs: Metafile['outputs'], entry: string): string[] {
  const seen = new Set([entry]);
  for (const path of seen) {
    for (const imported of outputs[path]!.imports) {
      if (imported.kind === 'import-statement' && !imported.external) seen.add(imported.path);
    }
  }
  return [...seen];
}

async function importTime(target: Target): Promise<number> {
  const env = { PATH: process.env.PATH, BENCH_ENTRY: target.entry };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', TIMER],
    { env: target.name === ALL_SDKS ? env : { ...env, BENCH_HANDLER: '1' } },
  );
  return Number(stdout);
}

const kB = (bytes: number) => `${fixed(bytes / 1000)} kB`;
