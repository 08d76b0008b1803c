/**
 * Server configuration: one zod schema over the environment, read lazily on first use (never at
 * import time, so a function that does not need a value cannot fail on it). Locally, LiveKit
 * falls back to `livekit-server --dev`; once deployed on Vercel every required value must be set
 * and a missing one is reported by name.
 */
import { z } from 'zod';
import { AppError } from './errors';

const LINE_JWKS_URL = 'https://api.line.me/oauth2/v2.1/certs';
const LIVEKIT_DEV = { url: 'ws://localhost:7880', apiKey: 'devkey', apiSecret: 'secret' };

const optional = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const Env = z.object({
  VERCEL_ENV: optional,
  DATABASE_URL: optional,
  POSTGRES_URL: optional,
  LINE_LOGIN_CHANNEL_ID: optional,
  LINE_JWKS_URL: z.url().default(LINE_JWKS_URL),
  LIVEKIT_URL: optional.pipe(z.url({ protocol: /^wss?$/ }).optional()),
  LIVEKIT_API_KEY: optional,
  LIVEKIT_API_SECRET: optional,
  /** Set by the dev server to name the local stand-ins it started, e.g. "pglite,line". */
  LOCAL_STAND_INS: optional,
});

export interface Config {
  deployed: boolean;
  databaseUrl: string | undefined;
  line: { loginChannelId: string; jwksUrl: string };
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string };
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
  const missing = [
    e.LINE_LOGIN_CHANNEL_ID ? undefined : 'LINE_LOGIN_CHANNEL_ID',
    ...(deployed
      ? [
          e.DATABASE_URL || e.POSTGRES_URL ? undefined : 'DATABASE_URL (or POSTGRES_URL)',
          e.LIVEKIT_URL ? undefined : 'LIVEKIT_URL',
          e.LIVEKIT_API_KEY ? undefined : 'LIVEKIT_API_KEY',
          e.LIVEKIT_API_SECRET ? undefined : 'LIVEKIT_API_SECRET',
        ]
      : []),
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) throw misconfigured(`Missing environment: ${missing.join(', ')}.`);

  const livekitUrl = e.LIVEKIT_URL ?? LIVEKIT_DEV.url;
  return {
    deployed,
    databaseUrl: e.DATABASE_URL ?? e.POSTGRES_URL,
    line: { loginChannelId: e.LINE_LOGIN_CHANNEL_ID!, jwksUrl: e.LINE_JWKS_URL },
    livekit: {
      url: livekitUrl,
      // The server API speaks HTTP on the same host and port as the client's WebSocket.
      apiUrl: livekitUrl.replace(/^ws/, 'http'),
      apiKey: e.LIVEKIT_API_KEY ?? LIVEKIT_DEV.apiKey,
      apiSecret: e.LIVEKIT_API_SECRET ?? LIVEKIT_DEV.apiSecret,
    },
    localStandIns: e.LOCAL_STAND_INS?.split(',').map((name) => name.trim()) ?? [],
  };
}

/** Tests change the environment between cases; this forgets the parsed copy. */
export function resetConfig(): void {
  cached = undefined;
}

function misconfigured(message: string): AppError {
  return new AppError('misconfigured', 503, `${message} See the README's environment table.`);
}
