/**
 * `npm run dev`: the whole app on one port with no accounts — the Vite SPA, every `api/` function
 * at its Vercel path (same handler code), PGlite under .data/ with migrations applied, and the
 * local LINE and QStash stand-ins. A real service is used wherever its environment variables are
 * set.
 * `--prod` serves the production build from dist/ instead of Vite (for benchmarks).
 * The functions run as deployed: compiled file by file and imported by plain Node in a child
 * process (`compiled-functions.ts`), so an import that would not load on Vercel fails here too.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_AGENT_NAME } from '../api/_lib/config';
import { migrate } from '../db/migrate';
import { mediaAddress, startAgentWorker, type AgentWorkerProcess } from './agent-worker';
import {
  applyRewrites,
  matchRoute,
  rewritesFrom,
  routesFromFiles,
  type ApiRewrite,
  type ApiRoute,
} from './api-routes';
import {
  describeFailures,
  startFunctionHost,
  startWatchedFunctions,
  type FunctionFailure,
  type FunctionHost,
  type FunctionSource,
} from './compiled-functions';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';
import { createLivekitStandIn, type LivekitStandIn } from './livekit-stand-in';
import { startDevLivekit, type DevLivekit } from './livekit-server';
import {
  createLineStandIn,
  DEV_CHANNEL_ACCESS_TOKEN,
  DEV_CHANNEL_SECRET,
  DEV_LOGIN_CHANNEL_ID,
  LINE_STAND_IN_PATH,
  type LineStandIn,
} from './line-stand-in';
import { DEV_CONTACTS_PATH, devContacts } from './dev-contacts';
import { DEV_OPERATOR } from './dev-users';
import { apiError, invokeFunction, type FunctionModule } from './invoke-function';
import { RequestTooLarge, sendWebResponse, toWebRequest } from './node-http';
import {
  createQStashStandIn,
  DEV_QSTASH_CURRENT_SIGNING_KEY,
  DEV_QSTASH_NEXT_SIGNING_KEY,
  DEV_QSTASH_TOKEN,
  QSTASH_STAND_IN_PATH,
  type QStashStandIn,
} from './qstash-stand-in';
import { serveStatic } from './static-files';
import { secureDevResponse } from './security-headers';
import { startSweepSchedule } from './sweep-schedule';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface DevServerOptions {
  port?: number;
  /** Where PGlite and the LINE stand-in's key live; `null` keeps everything in memory. */
  dataDir?: string | null;
  /** Serve dist/ (the production build) instead of Vite. */
  prod?: boolean;
  quiet?: boolean;
  /**
   * For tests: QStash's clock moves only when told (`qstash.advance`), and the LiveKit server
   * API is the stand-in when LIVEKIT_URL is unset (unless `livekit: 'real'`).
   */
  testing?: boolean;
  /**
   * Where `/api/*` is answered: `api` (default) compiles api/ and runs it in a plain Node child
   * process, as deployed; `{ vercelOutput }` runs `vercel build`'s functions the same way;
   * `in-process` imports the TypeScript into this process, for tests that change the
   * environment between requests.
   */
  functions?: FunctionSource | 'in-process';
  /** 'real' fails unless livekit-server starts; 'stand-in' never starts it. */
  livekit?: 'real' | 'stand-in';
  /**
   * Where the real livekit-server sends its webhooks, given this server's own receiver (which is
   * the default): a test puts a recording tap in between to replay what the server sent.
   */
  livekitWebhookUrl?: (receiver: string) => string;
  /**
   * The agent worker (agent/main.ts) starts whenever the real livekit-server does; `false` never
   * starts it, `true` fails unless it registers.
   */
  agentWorker?: boolean;
  /** The worker's mode: `dev` (default) or `start`, production's (the agent first-audio bench). */
  agentWorkerMode?: 'dev' | 'start';
  /** Where the worker reports, given this server's origin (a test may put a recording tap in between). */
  agentWorkerAppUrl?: (app: string) => string;
  /** Redis (host:port) the real livekit-server keeps SIP trunks in (tests: dev/redis-server.ts). */
  livekitRedis?: string;
}

export interface DevServer {
  url: string;
  line: LineStandIn | undefined;
  qstash: QStashStandIn | undefined;
  livekit: LivekitStandIn | undefined;
  /** The LiveKit this server started (undefined when LIVEKIT_URL was set). */
  media: DevLivekit | undefined;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const env = process.env;
  const dataDir = options.dataDir === undefined ? join(ROOT, '.data') : options.dataDir;
  const standIns: string[] = [];

  let database: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL && !env.POSTGRES_URL) {
    database = await startEmbeddedDatabase(dataDir ? join(dataDir, 'pglite') : undefined);
    env.DATABASE_URL = database.url;
    standIns.push('pglite');
  }
  await migrate((env.DATABASE_URL || env.POSTGRES_URL)!);

  // The handler is attached before the port opens and waits until everything below is ready:
  // an early request is answered late, never left hanging.
  let ready!: (handler: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>) => void;
  const handlerReady = new Promise<(req: IncomingMessage, res: ServerResponse) => Promise<unknown>>(
    (resolve) => (ready = resolve),
  );
  const server = createServer(async (req, res) => (await handlerReady)(req, res));
  const port = options.port ?? 3000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUse(port) : error),
    );
    server.listen(port, '127.0.0.1', resolve);
  }).catch(async (error: unknown) => {
    await database?.close();
    throw error;
  });
  const address = server.address();
  const origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;

  let line: LineStandIn | undefined;
  const lineLogin = !env.LINE_LOGIN_CHANNEL_ID;
  const lineMessaging = !env.LINE_CHANNEL_ACCESS_TOKEN && !env.LINE_CHANNEL_SECRET;
  if (lineLogin || lineMessaging) {
    line = await createLineStandIn({
      keyFile: dataDir ? join(dataDir, 'line-stand-in-key.json') : undefined,
      channelAccessToken: DEV_CHANNEL_ACCESS_TOKEN,
      channelSecret: DEV_CHANNEL_SECRET,
      appOrigin: origin,
    });
    standIns.push('line');
  }
  if (lineLogin) {
    env.LINE_LOGIN_CHANNEL_ID = DEV_LOGIN_CHANNEL_ID;
    env.LINE_JWKS_URL = `${origin}${LINE_STAND_IN_PATH}/oauth2/v2.1/certs`;
  }
  if (lineMessaging) {
    env.LINE_CHANNEL_ACCESS_TOKEN = DEV_CHANNEL_ACCESS_TOKEN;
    env.LINE_CHANNEL_SECRET = DEV_CHANNEL_SECRET;
    // The SDK resolves "/v2/bot/…" against the base URL's origin, dropping any path: the
    // stand-in answers the Messaging API at the server's root (see the routing below).
    env.LINE_API_BASE_URL = origin;
  }

  let qstash: QStashStandIn | undefined;
  if (!env.QSTASH_TOKEN) {
    const stateFile = dataDir ? join(dataDir, 'qstash-stand-in.json') : undefined;
    qstash = createQStashStandIn(options.testing ? {} : { tickMs: 500, stateFile });
    env.QSTASH_URL = `${origin}${QSTASH_STAND_IN_PATH}`;
    env.QSTASH_TOKEN = DEV_QSTASH_TOKEN;
    env.QSTASH_CURRENT_SIGNING_KEY = DEV_QSTASH_CURRENT_SIGNING_KEY;
    env.QSTASH_NEXT_SIGNING_KEY = DEV_QSTASH_NEXT_SIGNING_KEY;
    env.PUBLIC_BASE_URL ??= origin;
    standIns.push('qstash');
  }
  // LiveKit: LIVEKIT_URL set by the user wins; else a livekit-server this process starts (from
  // PATH or `npm run livekit:install`'s cache) with webhooks to this port; else the server-API
  // stand-in on this port, so rooms, agent dispatch and SIP calls work without media (the pages
  // say the media server cannot be reached). Tests ask for the stand-in to inject faults.
  let livekit: LivekitStandIn | undefined;
  let media: DevLivekit | undefined;
  const mediaIp = mediaAddress();
  if (!env.LIVEKIT_URL) {
    const webhookUrl = (options.livekitWebhookUrl ?? ((receiver: string) => receiver))(
      `${origin.replace('localhost', '127.0.0.1')}/api/webhooks/livekit`,
    );
    env.LIVEKIT_API_KEY = 'devkey';
    env.LIVEKIT_API_SECRET = 'secret-for-dev-and-tests-only-0123';
    media = await startDevLivekit({
      want: options.livekit ?? (options.testing ? 'stand-in' : 'real'),
      required: options.livekit === 'real',
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
      webhookUrl,
      echoWarnings: !options.quiet,
      mediaIp,
      redis: options.livekitRedis,
    });
    if (media.kind === 'real') env.LIVEKIT_URL = media.server.url;
    else {
      env.LIVEKIT_URL = origin.replace(/^http/, 'ws');
      // Its agent worker's participant_joined comes to this server, as the real one's would.
      livekit = createLivekitStandIn({
        apiKey: env.LIVEKIT_API_KEY,
        apiSecret: env.LIVEKIT_API_SECRET,
        webhookUrl,
        // The trunk the app dials through exists there, as it would in a LiveKit set up for it.
        sipTrunks: env.LIVEKIT_SIP_TRUNK_ID ? [env.LIVEKIT_SIP_TRUNK_ID] : [],
      });
      standIns.push('livekit');
    }
  }
  // The app dispatches the worker this server starts (below), under the name it registers.
  const wantWorker = media?.kind === 'real' && options.agentWorker !== false;
  if (wantWorker) env.LIVEKIT_AGENT_NAME ??= DEFAULT_AGENT_NAME;
  env.LOCAL_STAND_INS = standIns.join(',');
  // Alice runs the campaign console locally (docs/campaigns.md#operators).
  if (line) env.OPERATOR_ADMINS ??= DEV_OPERATOR.userId;
  env.LIVEKIT_DEV_KEYS ??= '1'; // only here may LiveKit fall back to livekit-server --dev's keys

  const routes = await apiRoutes();
  const functionSource = options.functions ?? 'api';
  const host: FunctionHost | undefined =
    functionSource === 'in-process'
      ? undefined
      : functionSource === 'api'
        ? await startWatchedFunctions((failures) => reportFailures(failures))
        : await startFunctionHost(functionSource);
  if (host) reportFailures(host.failures);
  const vite = options.prod
    ? undefined
    : await (
        await import('vite')
      ).createServer({
        root: ROOT,
        server: { middlewareMode: true, hmr: { server } },
        appType: 'spa',
        logLevel: options.quiet ? 'error' : 'info',
      });

  ready(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const path = new URL(req.url ?? '/', origin).pathname;
      if (secureDevResponse(res, path, { vite: Boolean(vite) })) return;
      // The app's source imports the API contract (api/_lib/contract.ts): in dev, Vite serves that
      // module to the browser. No route has `_lib` in it: Vercel deploys no function from there.
      if (vite && path.startsWith('/api/_lib/')) return vite.middlewares(req, res);
      if (path === '/api' || path.startsWith('/api/')) {
        return await sendWebResponse(
          res,
          await callFunction(routes, host, await toWebRequest(req, origin)),
        );
      }
      // The dev users' contact ids: only where the LINE stand-in signs them in.
      if (line && path === DEV_CONTACTS_PATH && req.method === 'GET') {
        return await sendWebResponse(res, await devContacts());
      }
      if (line && (path.startsWith(`${LINE_STAND_IN_PATH}/`) || path.startsWith('/v2/bot/'))) {
        return await sendWebResponse(res, await line.handle(await toWebRequest(req, origin)));
      }
      if (qstash && path.startsWith(`${QSTASH_STAND_IN_PATH}/`)) {
        return await sendWebResponse(res, await qstash.handle(await toWebRequest(req, origin)));
      }
      // The server SDK calls "/twirp/…" at the LiveKit URL's root.
      if (livekit && path.startsWith('/twirp/')) {
        return await sendWebResponse(res, await livekit.handle(await toWebRequest(req, origin)));
      }
      if (vite) return vite.middlewares(req, res);
      return await serveStatic(join(ROOT, 'dist'), path, req, res);
    } catch (error) {
      if (error instanceof RequestTooLarge) {
        const message = 'The body is larger than 4.5 MB.';
        return sendWebResponse(res, apiError(413, 'payload_too_large', message));
      }
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Dev server error.' } }));
    }
  });

  // A browser's media connection (/rtc) to the stand-in is refused at once rather than left
  // hanging; Vite's own HMR upgrades are handled by Vite.
  server.on('upgrade', (req, socket) => {
    if (new URL(req.url ?? '/', origin).pathname.startsWith('/rtc')) socket.destroy();
  });

  let worker: AgentWorkerProcess | undefined;
  let agentLine = 'no worker (it needs the real livekit-server)';
  if (wantWorker) {
    const app = origin.replace('localhost', '127.0.0.1');
    try {
      worker = await startAgentWorker({
        env: {
          LIVEKIT_URL: env.LIVEKIT_URL!,
          LIVEKIT_API_KEY: env.LIVEKIT_API_KEY!,
          LIVEKIT_API_SECRET: env.LIVEKIT_API_SECRET!,
          LIVEKIT_AGENT_NAME: env.LIVEKIT_AGENT_NAME!,
          LIVEKIT_DEV_KEYS: env.LIVEKIT_DEV_KEYS,
          PUBLIC_BASE_URL: (options.agentWorkerAppUrl ?? ((url: string) => url))(app),
        },
        echo: false,
        mode: options.agentWorkerMode,
      });
      agentLine = `worker "${env.LIVEKIT_AGENT_NAME}" (npm run agent), ${
        mediaIp
          ? `media via ${mediaIp}, on this machine`
          : "but this machine has no private IPv4 besides loopback, which @livekit/rtc-node skips: the agent's audio can't flow"
      }`;
    } catch (error) {
      if (options.agentWorker) throw error;
      agentLine = `worker failed to start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
  }

  if (qstash && !options.testing) await startSweepSchedule();
  if (!options.quiet) printBanner(origin, standIns, media, agentLine);
  return {
    url: origin,
    line,
    qstash,
    livekit,
    media,
    async close() {
      await qstash?.close();
      await host?.close();
      await vite?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      const { closePool } = await import('../api/_lib/db/pool');
      await closePool();
      await database?.close();
      await worker?.close();
      if (media?.kind === 'real') await media.server.close();
    },
  };
}

interface ApiRouting {
  rewrites: ApiRewrite[];
  routes: ApiRoute[];
}

async function apiRoutes(): Promise<ApiRouting> {
  const apiDir = join(ROOT, 'api');
  const files = await readdir(apiDir, { recursive: true });
  const vercel = JSON.parse(await readFile(join(ROOT, 'vercel.json'), 'utf8'));
  return {
    rewrites: rewritesFrom(vercel.rewrites ?? []),
    routes: routesFromFiles(files.map((file) => relative(apiDir, join(apiDir, file)))),
  };
}

/** Calls a function file the way Vercel does: dynamic segments arrive as query parameters. */
async function callFunction(
  { rewrites, routes }: ApiRouting,
  host: FunctionHost | undefined,
  request: Request,
): Promise<Response> {
  const url = applyRewrites(rewrites, new URL(request.url));
  const match = matchRoute(routes, url.pathname);
  if (!match) return apiError(404, 'not_found', `No function at ${url.pathname}.`);
  for (const [name, value] of Object.entries(match.params)) url.searchParams.set(name, value);
  const routed = new Request(url, request);
  if (host) return host.forward(match.file, routed);
  const module = (await import(
    pathToFileURL(join(ROOT, 'api', match.file)).href
  )) as FunctionModule;
  return invokeFunction(module, routed);
}

function reportFailures(failures: FunctionFailure[]): void {
  if (failures.length > 0) {
    console.error(
      `\n  These functions would fail to load once deployed:\n${describeFailures(failures)}\n`,
    );
  }
}

/** The port is taken: say which and how to pick another, instead of a raw EADDRINUSE stack. */
export class PortInUse extends Error {
  constructor(readonly port: number) {
    super(
      `Port ${port} is already in use (another npm run dev?). Stop that process, or choose another port: PORT=${port + 1} npm run dev`,
    );
  }
}

function printBanner(
  origin: string,
  standIns: string[],
  media: DevLivekit | undefined,
  agent: string,
): void {
  const real = (name: string) => (standIns.includes(name) ? 'local stand-in' : 'real');
  console.log(`
  liff-calls is running: ${origin}/

  database  ${standIns.includes('pglite') ? 'PGlite (local stand-in, data in .data/)' : 'Postgres from DATABASE_URL'}
  LINE      ${real('line')}${standIns.includes('line') ? ` (dev users Alice, Bob, Carol; ${origin}${LINE_STAND_IN_PATH}/users)\n            their pushes: ${origin}${LINE_STAND_IN_PATH}/inbox` : ''}
  QStash    ${real('qstash')}${standIns.includes('qstash') ? ` (delivers due jobs every 0.5 s; ${origin}${QSTASH_STAND_IN_PATH}/messages)` : ''}
  LiveKit: ${media?.kind === 'real' ? `real, v${media.server.version} (${media.server.url})` : media ? `stand-in, because ${media.reason}; no media` : `real, ${process.env.LIVEKIT_URL} (LIVEKIT_URL)`}
  Agent:   ${agent}
`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startDevServer({
    port: process.env.PORT ? Number(process.env.PORT) : 3000,
    prod: process.argv.includes('--prod'),
  }).catch((error: unknown) => {
    if (!(error instanceof PortInUse)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
