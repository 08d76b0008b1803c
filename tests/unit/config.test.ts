import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../api/_lib/config';

/** As the dev server and the tests run: dev LiveKit keys allowed. */
const local = { LINE_LOGIN_CHANNEL_ID: '1234567890', LIVEKIT_DEV_KEYS: '1' };
/** What a deployment needs besides LINE login and the LiveKit keys. */
const deployedRest = {
  DATABASE_URL: 'postgres://db',
  LIVEKIT_URL: 'wss://x.livekit.cloud',
  VITE_LIFF_ID: '1-x',
  LINE_CHANNEL_ACCESS_TOKEN: 't',
  LINE_CHANNEL_SECRET: 's',
  QSTASH_TOKEN: 'q',
  QSTASH_CURRENT_SIGNING_KEY: 'c',
  QSTASH_NEXT_SIGNING_KEY: 'n',
};

describe('parseConfig', () => {
  test('locally, LiveKit defaults to livekit-server --dev', () => {
    expect(parseConfig(local).livekit).toEqual({
      url: 'ws://localhost:7880',
      apiUrl: 'http://localhost:7880',
      apiKey: 'devkey',
      apiSecret: 'secret',
    });
  });

  test('anywhere but the dev server and tests, missing LiveKit keys are misconfigured', () => {
    const elsewhere = { LINE_LOGIN_CHANNEL_ID: '1234567890', NODE_ENV: 'production' };
    expect(() => parseConfig(elsewhere)).toThrow(
      'Missing environment: LIVEKIT_API_KEY, LIVEKIT_API_SECRET.',
    );
    expect(() => parseConfig({ ...elsewhere, LIVEKIT_DEV_KEYS: '0' })).toThrow(/LIVEKIT_API_KEY/);
  });

  test('the 1:1 start limit is 10 an hour unless CALL_STARTS_PER_HOUR overrides it', () => {
    expect(parseConfig(local).callStartsPerHour).toBe(10);
    expect(parseConfig({ ...local, CALL_STARTS_PER_HOUR: '100' }).callStartsPerHour).toBe(100);
    expect(() => parseConfig({ ...local, CALL_STARTS_PER_HOUR: 'lots' })).toThrow(
      /CALL_STARTS_PER_HOUR/,
    );
  });

  test('the agent-call message names the service: SERVICE_NAME, else the app name', () => {
    expect(parseConfig(local).agentCalls.serviceName).toBe('LINE Calls');
    expect(parseConfig({ ...local, SERVICE_NAME: ' Acme Support ' }).agentCalls.serviceName).toBe(
      'Acme Support',
    );
    expect(
      parseConfig({ ...local, SERVICE_NAME: 'x'.repeat(50) }).agentCalls.serviceName,
    ).toHaveLength(40);
  });

  test('the agent worker key: its own variable, else the dev key only where dev keys are allowed', () => {
    const key = (env: Record<string, string>) => parseConfig(env).agentCalls.workerKey;
    expect(key(local)).toBe('dev-agent-worker-key');
    expect(key({ ...local, AGENT_WORKER_KEY: 'k'.repeat(40) })).toBe('k'.repeat(40));
    const keyed = { LINE_LOGIN_CHANNEL_ID: '1', LIVEKIT_API_KEY: 'a', LIVEKIT_API_SECRET: 'b' };
    expect(key(keyed)).toBeUndefined();
    expect(key({ ...keyed, LIVEKIT_DEV_KEYS: '1', VERCEL_ENV: 'preview', ...deployedRest })).toBe(
      undefined,
    );
  });

  test('the agent name defaults to the one the worker registers', () => {
    expect(parseConfig(local).agentCalls.agentName).toBe('liff-calls-agent');
    expect(parseConfig({ ...local, LIVEKIT_AGENT_NAME: 'x' }).agentCalls.agentName).toBe('x');
  });

  test('DATABASE_URL wins over POSTGRES_URL, which Vercel/Neon sets', () => {
    expect(parseConfig({ ...local, POSTGRES_URL: 'postgres://neon' }).databaseUrl).toBe(
      'postgres://neon',
    );
    expect(
      parseConfig({ ...local, DATABASE_URL: 'postgres://a', POSTGRES_URL: 'postgres://b' })
        .databaseUrl,
    ).toBe('postgres://a');
  });

  test('a deployment names every missing value instead of falling back to dev defaults', () => {
    expect(() => parseConfig({ VERCEL_ENV: 'production' })).toThrow(
      'Missing environment: LINE_LOGIN_CHANNEL_ID, DATABASE_URL (or POSTGRES_URL), LIVEKIT_URL, ' +
        'LIVEKIT_API_KEY, LIVEKIT_API_SECRET, VITE_LIFF_ID, LINE_CHANNEL_ACCESS_TOKEN, ' +
        'LINE_CHANNEL_SECRET, QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY.',
    );
  });

  test('a secure LiveKit URL maps to an https server API', () => {
    const config = parseConfig({
      ...local,
      LIVEKIT_URL: 'wss://example.livekit.cloud',
      LIVEKIT_API_KEY: 'k',
      LIVEKIT_API_SECRET: 's',
    });
    expect(config.livekit.apiUrl).toBe('https://example.livekit.cloud');
  });

  test('OPERATOR_ADMINS: LINE user ids, comma-separated; anything else is refused by name', () => {
    const [a, b] = [`U${'a'.repeat(32)}`, `U${'b'.repeat(32)}`];
    expect(parseConfig(local).operatorAdmins).toEqual([]);
    expect(parseConfig({ ...local, OPERATOR_ADMINS: ` ${a}, ${b} ` }).operatorAdmins).toEqual([
      a,
      b,
    ]);
    expect(() => parseConfig({ ...local, OPERATOR_ADMINS: `${a},alice` })).toThrow(
      /OPERATOR_ADMINS/,
    );
  });

  test('a LIVEKIT_URL that is not a WebSocket URL is refused by name', () => {
    expect(() => parseConfig({ ...local, LIVEKIT_URL: 'http://localhost:7880' })).toThrow(
      /LIVEKIT_URL/,
    );
  });

  test('job and link URLs follow the deployment, or PUBLIC_BASE_URL when set', () => {
    expect(parseConfig(local).publicBaseUrl).toBe('http://localhost:3000');
    expect(parseConfig({ ...local, VERCEL_URL: 'x-git-main.vercel.app' }).publicBaseUrl).toBe(
      'https://x-git-main.vercel.app',
    );
    expect(parseConfig({ ...local, PUBLIC_BASE_URL: 'https://calls.example/' }).publicBaseUrl).toBe(
      'https://calls.example',
    );
  });

  test('blank values count as unset', () => {
    expect(() => parseConfig({ LINE_LOGIN_CHANNEL_ID: '  ' })).toThrow(/LINE_LOGIN_CHANNEL_ID/);
  });
});
