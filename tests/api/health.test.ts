import { expect, test } from 'vitest';
import { GET } from '../../api/health';
import { resetConfig } from '../../api/_lib/config';
import { closePool } from '../../api/_lib/db/pool';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

test('reports the database, which services are the test world’s stand-ins, and the version', async () => {
  const response = await GET();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    status: 'ok',
    version: 'local',
    database: { status: 'up', kind: 'postgres' },
    services: {
      line: 'stand-in',
      qstash: 'stand-in',
      livekit: { url: env.url.replace('http', 'ws'), reachable: true, media: false },
    },
  });
});

test('answers 503 with the database down instead of failing', async () => {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none';
  resetConfig();
  await closePool();
  try {
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'degraded',
      database: { status: 'down' },
    });
  } finally {
    process.env.DATABASE_URL = saved;
    resetConfig();
    await closePool();
  }
});
