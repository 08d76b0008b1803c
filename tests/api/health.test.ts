import { expect, test } from 'vitest';
import { GET } from '../../api/health';
import { DEFAULT_AGENT_NAME, resetConfig } from '../../api/_lib/config';
import { workerReport } from '../support/agent-calls';
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
    agentWorker: null,
  });
});

test('shows the agent worker that said hello in the last 3 minutes, else null', async () => {
  const speech = { stt: 'pocketsphinx', tts: 'espeak-ng', llm: null };
  const hello = { type: 'hello', agentName: DEFAULT_AGENT_NAME, speech };
  // Another name is not the worker our dispatches reach.
  expect((await workerReport(env, { ...hello, agentName: 'someone-else' })).status).toBe(200);
  expect((await (await GET()).json()).agentWorker).toBeNull();
  expect((await workerReport(env, hello)).status).toBe(200);
  const seen = (await (await GET()).json()).agentWorker;
  expect(seen).toEqual({ agentName: DEFAULT_AGENT_NAME, speech, seenAt: expect.any(String) });
  expect(Math.abs(Date.parse(seen.seenAt) - Date.now())).toBeLessThan(60_000);
  // A later hello replaces the speech stack it reported.
  const cloud = { stt: 'deepgram', tts: 'openai', llm: 'openai' };
  await workerReport(env, { ...hello, speech: cloud });
  expect((await (await GET()).json()).agentWorker.speech).toEqual(cloud);

  await env.db.query(`UPDATE agent_worker_hellos SET seen_at = now() - interval '179 seconds'`);
  expect((await (await GET()).json()).agentWorker).not.toBeNull();
  await env.db.query(`UPDATE agent_worker_hellos SET seen_at = now() - interval '181 seconds'`);
  expect((await (await GET()).json()).agentWorker).toBeNull();
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
