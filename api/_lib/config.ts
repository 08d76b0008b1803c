/**
 * Server configuration: one zod schema over the environment, read lazily on first use (never at
 * import time, so a function that does not need a value cannot fail on it). Locally, LiveKit
 * falls back to `livekit-server --dev`; once deployed on Vercel every required value must be set
 * and a missing one is reported by name.
 */
import * as z from 'zod/mini';
import { LINE_USER_ID } from './domain/ids.js';
import { AppError } from './errors.js';

const LINE_JWKS_URL = 'https://api.line.me/oauth2/v2.1/certs';
/** The app's name (src/lib/i18n/en.ts `app.name`). */
const DEFAULT_SERVICE_NAME = 'LINE Calls';
const LIVEKIT_DEV = { url: 'ws://localhost:7880', apiKey: 'devkey', apiSecret: 'secret' };
/** The agent worker's key where dev keys are allowed (the dev server, the tests): public, too. */
export const DEV_AGENT_WORKER_KEY = 'dev-agent-worker-key';
/**
 * The agent dispatched into agent-call rooms when LIVEKIT_AGENT_NAME is unset; the worker
 * (agent/) registers under the same name, read from here.
 */
export const DEFAULT_AGENT_NAME = 'liff-calls-agent';

/** An optional variable: blank counts as unset. */
const optional = z.optional(
  z.pipe(
    z.string(),
    z.transform((value) => value.trim() || undefined),
  ),
);
const optionalUrl = (options?: { protocol: RegExp }) =>
  z.optional(z.pipe(optional, z.optional(z.url(options))));

const Env = z.object({
  VERCEL_ENV: optional,
  DATABASE_URL: optional,
  POSTGRES_URL: optional,
  LINE_LOGIN_CHANNEL_ID: optional,
  LINE_JWKS_URL: z._default(z.url(), LINE_JWKS_URL),
  LIVEKIT_URL: optionalUrl({ protocol: /^wss?$/ }),
  LIVEKIT_API_KEY: optional,
  LIVEKIT_API_SECRET: optional,
  /** Public: the LIFF app id, also built into the SPA. Links in pushes open the LIFF app. */
  VITE_LIFF_ID: optional,
  LINE_CHANNEL_ACCESS_TOKEN: optional,
  LINE_CHANNEL_SECRET: optional,
  LINE_API_BASE_URL: z._default(z.url(), 'https://api.line.me'),
  QSTASH_URL: z._default(z.url(), 'https://qstash.upstash.io'),
  QSTASH_TOKEN: optional,
  QSTASH_CURRENT_SIGNING_KEY: optional,
  QSTASH_NEXT_SIGNING_KEY: optional,
  /** Where QStash delivers jobs and where non-LIFF links point; on Vercel, the deployment URL. */
  PUBLIC_BASE_URL: optionalUrl(),
  VERCEL_PROJECT_PRODUCTION_URL: optional,
  VERCEL_URL: optional,
  /** Agent calls: the LiveKit agent dispatched by name (default DEFAULT_AGENT_NAME). */
  LIVEKIT_AGENT_NAME: optional,
  LIVEKIT_SIP_TRUNK_ID: optional,
  /** The agent worker's own key for POST /api/agent-worker (never the backend AGENT_API_KEY). */
  AGENT_WORKER_KEY: optional,
  /** Lets a backend system dispatch agent calls to anyone; at least 32 characters. */
  AGENT_API_KEY: z.optional(z.pipe(optional, z.optional(z.string().check(z.minLength(32))))),
  /** Who is calling, as the agent-call LINE message names it (the LINE account's name, say). */
  SERVICE_NAME: optional,
  /** LINE user ids (comma-separated) made console admins on their first request. */
  OPERATOR_ADMINS: z.optional(
    z.pipe(
      optional,
      z.optional(
        z
          .string()
          .check(
            z.refine(
              (value) => value.split(',').every((id) => LINE_USER_ID.test(id.trim())),
              'LINE user ids (U + 32 hex), comma-separated',
            ),
          ),
      ),
    ),
  ),
  /** Set by the dev server to name the local stand-ins it started, e.g. "pglite,line". */
  LOCAL_STAND_INS: optional,
  /**
   * "1" lets LiveKit fall back to livekit-server --dev's public devkey/secret. Only the dev
   * server and the tests set it: anywhere else a missing key is a configuration error, never a
   * webhook signed with a public secret accepted.
   */
  LIVEKIT_DEV_KEYS: optional,
  /** Dev override of the 1:1 start limit (10 an hour), e.g. for walking the flows locally. */
  CALL_STARTS_PER_HOUR: z.optional(
    z.pipe(optional, z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,5}$/, 'a count')))),
  ),
});

/** Every variable the server reads; the README's environment table lists each (a test checks). */
export const ENVIRONMENT_VARIABLES = Object.keys(Env.shape);

export interface Config {
  deployed: boolean;
  databaseUrl: string | undefined;
  line: {
    loginChannelId: string;
    jwksUrl: string;
    liffId: string | undefined;
    messaging:
      { channelAccessToken: string; channelSecret: string; apiBaseUrl: string } | undefined;
  };
  qstash:
    { url: string; token: string; currentSigningKey: string; nextSigningKey: string } | undefined;
  publicBaseUrl: string;
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string };
  /** 1:1 starts a caller may make in an hour. */
  callStartsPerHour: number;
  agentCalls: {
    agentName: string;
    sipTrunkId: string | undefined;
    apiKey: string | undefined;
    /** Undefined where it is unset and dev keys are not allowed: the endpoint is misconfigured. */
    workerKey: string | undefined;
    /** The caller's name in the agent-call LINE message. */
    serviceName: string;
  };
  /** LINE user ids that are console admins whatever the operators table says. */
  operatorAdmins: string[];
  localStandIns: string[];
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`);
    throw misconfigured(`Invalid environment: ${names.join(', ')}.`);
  }
  const e = parsed.data;
  // `vercel dev` reports VERCEL_ENV=development; only real deployments must be fully configured.
  const deployed = e.VERCEL_ENV === 'production' || e.VERCEL_ENV === 'preview';
  const missing = new Set([
    e.LINE_LOGIN_CHANNEL_ID ? undefined : 'LINE_LOGIN_CHANNEL_ID',
    ...(deployed
      ? [
          e.DATABASE_URL || e.POSTGRES_URL ? undefined : 'DATABASE_URL (or POSTGRES_URL)',
          e.LIVEKIT_URL ? undefined : 'LIVEKIT_URL',
          ...livekitKeysMissing(e),
          e.VITE_LIFF_ID ? undefined : 'VITE_LIFF_ID',
          e.LINE_CHANNEL_ACCESS_TOKEN ? undefined : 'LINE_CHANNEL_ACCESS_TOKEN',
          e.LINE_CHANNEL_SECRET ? undefined : 'LINE_CHANNEL_SECRET',
          e.QSTASH_TOKEN ? undefined : 'QSTASH_TOKEN',
          e.QSTASH_CURRENT_SIGNING_KEY ? undefined : 'QSTASH_CURRENT_SIGNING_KEY',
          e.QSTASH_NEXT_SIGNING_KEY ? undefined : 'QSTASH_NEXT_SIGNING_KEY',
        ]
      : []),
    ...(e.LIVEKIT_DEV_KEYS === '1' ? [] : livekitKeysMissing(e)),
  ]);
  missing.delete(undefined);
  if (missing.size > 0) throw misconfigured(`Missing environment: ${[...missing].join(', ')}.`);

  const livekitUrl = e.LIVEKIT_URL ?? LIVEKIT_DEV.url;
  return {
    deployed,
    databaseUrl: e.DATABASE_URL ?? e.POSTGRES_URL,
    line: {
      loginChannelId: e.LINE_LOGIN_CHANNEL_ID!,
      jwksUrl: e.LINE_JWKS_URL,
      liffId: e.VITE_LIFF_ID,
      messaging:
        e.LINE_CHANNEL_ACCESS_TOKEN && e.LINE_CHANNEL_SECRET
          ? {
              channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
              channelSecret: e.LINE_CHANNEL_SECRET,
              apiBaseUrl: e.LINE_API_BASE_URL,
            }
          : undefined,
    },
    qstash:
      e.QSTASH_TOKEN && e.QSTASH_CURRENT_SIGNING_KEY && e.QSTASH_NEXT_SIGNING_KEY
        ? {
            url: e.QSTASH_URL,
            token: e.QSTASH_TOKEN,
            currentSigningKey: e.QSTASH_CURRENT_SIGNING_KEY,
            nextSigningKey: e.QSTASH_NEXT_SIGNING_KEY,
          }
        : undefined,
    publicBaseUrl: publicBaseUrl(e),
    callStartsPerHour: Number(e.CALL_STARTS_PER_HOUR ?? 10),
    agentCalls: {
      agentName: e.LIVEKIT_AGENT_NAME ?? DEFAULT_AGENT_NAME,
      sipTrunkId: e.LIVEKIT_SIP_TRUNK_ID,
      apiKey: e.AGENT_API_KEY,
      workerKey:
        e.AGENT_WORKER_KEY ??
        (e.LIVEKIT_DEV_KEYS === '1' && !deployed ? DEV_AGENT_WORKER_KEY : undefined),
      // LINE's buttons-template title holds at most 40 characters.
      serviceName: (e.SERVICE_NAME ?? DEFAULT_SERVICE_NAME).slice(0, 40),
    },
    livekit: {
      url: livekitUrl,
      // The server API speaks HTTP on the same host and port as the client's WebSocket.
      apiUrl: livekitUrl.replace(/^ws/, 'http'),
      apiKey: e.LIVEKIT_API_KEY ?? LIVEKIT_DEV.apiKey,
      apiSecret: e.LIVEKIT_API_SECRET ?? LIVEKIT_DEV.apiSecret,
    },
    operatorAdmins: e.OPERATOR_ADMINS?.split(',').map((id) => id.trim()) ?? [],
    localStandIns: e.LOCAL_STAND_INS?.split(',').map((name) => name.trim()) ?? [],
  };
}

function livekitKeysMissing(e: z.output<typeof Env>): (string | undefined)[] {
  return [
    e.LIVEKIT_API_KEY ? undefined : 'LIVEKIT_API_KEY',
    e.LIVEKIT_API_SECRET ? undefined : 'LIVEKIT_API_SECRET',
  ];
}

function publicBaseUrl(e: z.output<typeof Env>): string {
  if (e.PUBLIC_BASE_URL) return e.PUBLIC_BASE_URL.replace(/\/$/, '');
  const host = e.VERCEL_ENV === 'production' ? e.VERCEL_PROJECT_PRODUCTION_URL : e.VERCEL_URL;
  return host ? `https://${host}` : 'http://localhost:3000';
}

/** Tests change the environment between cases; this forgets the parsed copy. */
export function resetConfig(): void {
  cached = undefined;
}

function misconfigured(message: string): AppError {
  return new AppError('misconfigured', 503, `${message} See the README's environment table.`);
}
