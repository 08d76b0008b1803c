/**
 * Figure 4 — first load. A production build (vite.config.ts, VITE_LIFF_ID=bench so the real-LIFF
 * path is what ships and the dev-LIFF chunk is left out) into a temporary folder; from its chunk
 * graph, each route's set: the entry, every chunk it imports statically (modulepreload), the
 * route's lazy page with its static imports (what Vite preloads before the page renders), and the
 * CSS all of those import. Sizes are gzip (zlib's default level, as Vite reports them), 1 kB =
 * 1000 bytes. Deterministic, so tests/bench/first-load.test.ts asserts the Setup budget too.
 * Budget: ≤ 100 kB JavaScript for Setup; media code (livekit-client, @livekit/*) only
 * on the meeting and call routes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { fixed, type Figure } from './report';

export const SETUP_BUDGET_BYTES = 100_000;

const ROUTES = [
  { name: 'Setup', path: '/', page: null, media: false },
  {
    name: 'Meeting',
    path: '/meeting/:room',
    page: 'features/conference/components/meeting-page',
    media: true,
  },
  { name: 'Call', path: '/call/:id', page: 'features/call/components/call-page', media: true },
  {
    name: 'History',
    path: '/history',
    page: 'features/history/components/history-page',
    media: false,
  },
  {
    name: 'Agent call',
    path: '/agent-call/:sid',
    page: 'features/agent-call/components/agent-call-page',
    media: true,
  },
];

const isMedia = (moduleId: string) => /\/node_modules\/(livekit-client|@livekit)\//.test(moduleId);

export interface RouteLoad {
  name: string;
  path: string;
  /** false when the build has no such page. */
  found: boolean;
  mediaAllowed: boolean;
  jsBytes: number;
  cssBytes: number;
  files: string[];
  hasMedia: boolean;
  /** Unminified bytes per package in the route's JavaScript, largest first. */
  largest: [string, number][];
  /** A user whose language is not English also waits for its catalog: the largest, gzipped. */
  catalogBytes: number;
}

/** Builds the app into a temporary folder and returns what each route loads first. */
export async function measureFirstLoad(root: string): Promise<RouteLoad[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'liff-calls-first-load-'));
  // NODE_ENV too: under vitest it is "test", which would build React's development bundle.
  const restore = setEnv({ VITE_LIFF_ID: 'bench', NODE_ENV: 'production' });
  try {
    const result = await build({
      root,
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    });
    const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
    return routeLoads(output.output);
  } finally {
    restore();
    await rm(outDir, { recursive: true, force: true });
  }
}

function setEnv(values: Record<string, string>): () => void {
  const before = Object.keys(values).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

function routeLoads(files: Rollup.RollupOutput['output']): RouteLoad[] {
  const chunks = new Map<string, Rollup.OutputChunk>();
  const gzip = new Map<string, number>();
  for (const file of files) {
    if (file.type === 'chunk') chunks.set(file.fileName, file);
    gzip.set(file.fileName, gzipSync(file.type === 'chunk' ? file.code : file.source).length);
  }
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
  const catalogs = [...chunks.values()].filter((c) => c.facadeModuleId?.includes('/src/lib/i18n/'));
  const catalogBytes = Math.max(0, ...catalogs.map((c) => gzip.get(c.fileName)!));
  return ROUTES.map((route) => {
    const page = route.page
      ? [...chunks.values()].find(
          (c) => c.isDynamicEntry && c.facadeModuleId?.includes(`/src/${route.page}.`),
        )
      : undefined;
    const js = closure(chunks, [entry.fileName, ...(page ? [page.fileName] : [])]);
    const css = [
      ...new Set(js.flatMap((name) => [...(chunks.get(name)!.viteMetadata?.importedCss ?? [])])),
    ];
    const modules = js.flatMap((name) => Object.entries(chunks.get(name)!.modules));
    const sum = (names: string[]) => names.reduce((total, name) => total + gzip.get(name)!, 0);
    return {
      name: route.name,
      path: route.path,
      found: route.page === null || page !== undefined,
      mediaAllowed: route.media,
      jsBytes: sum(js),
      cssBytes: sum(css),
      files: [...js, ...css],
      hasMedia: modules.some(([id]) => isMedia(id)),
      largest: byPackage(modules),
      catalogBytes,
    };
  });
}

/** The chunks and every chunk they import statically. */
function closure(chunks: Map<string, Rollup.OutputChunk>, roots: string[]): string[] {
  const seen = new Set(roots);
  for (const name of seen) for (const imported of chunks.get(name)!.imports) seen.add(imported);
  return [...seen];
}

function byPackage(modules: [string, Rollup.RenderedModule][]): [string, number][] {
  const bytes = new Map<string, number>();
  for (const [id, { renderedLength }] of modules) {
    const name = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1] ?? 'app code';
    bytes.set(name, (bytes.get(name) ?? 0) + renderedLength);
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
}

export async function firstLoad(root: string): Promise<Figure[]> {
  return (await measureFirstLoad(root)).map((route) => {
    const name = `first load: ${route.name} (${route.path})`;
    if (!route.found) {
      return { name, value: 'n/a', budget: '—', pass: null, detail: 'no such page in the build' };
    }
    const isSetup = route.path === '/';
    const mediaOk = route.mediaAllowed || !route.hasMedia;
    return {
      name,
      value: `${kB(route.jsBytes)} JS`,
      budget: isSetup ? '≤ 100 kB, no media' : route.mediaAllowed ? '—' : 'no media',
      pass: isSetup
        ? route.jsBytes <= SETUP_BUDGET_BYTES && mediaOk
        : route.mediaAllowed
          ? null
          : mediaOk,
      detail: `+ ${kB(route.cssBytes)} CSS; ${route.files.length} files; media code ${route.hasMedia ? 'yes' : 'no'}`,
      explain: [
        ...(isSetup
          ? [
              `on every route a non-English user also waits for a catalog (≤ ${kB(route.catalogBytes)})`,
            ]
          : []),
        `largest parts (unminified): ${route.largest
          .slice(0, 5)
          .map(([pkg, bytes]) => `${pkg} ${kB(bytes)}`)
          .join(', ')}`,
      ],
      data: route,
    };
  });
}

const kB = (bytes: number) => `${fixed(bytes / 1000, 1)} kB`;
