/**
 * The QStash stand-in across a dev server restart: pending messages and schedules are
 * kept in its state file and delivered by the next instance; minute schedules fire each minute.
 */
import { Client } from '@upstash/qstash';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nextCronFire } from '../../dev/qstash-protocol';
import { createQStashStandIn } from '../../dev/qstash-stand-in';
import { serveOnLoopback, type LoopbackServer } from '../../dev/serve-stand-in';

const TOKEN = 'test-qstash-token';
let app: LoopbackServer;
let dir: string;
const received: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qstash-state-'));
  app = await serveOnLoopback(async (request) => {
    received.push(`${new URL(request.url).pathname} ${await request.text()}`);
    return new Response('ok');
  });
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

async function standIn(stateFile: string) {
  const qstash = createQStashStandIn({ token: TOKEN, stateFile });
  const server = await serveOnLoopback(qstash.handle);
  const client = new Client({
    baseUrl: `${server.origin}/__dev/qstash`,
    token: TOKEN,
    retry: false,
  });
  return {
    qstash,
    client,
    async close() {
      await qstash.close();
      await server.close();
    },
  };
}

describe('a restart', () => {
  test('a message published before it is delivered after, once; its deduplication id holds', async () => {
    const stateFile = join(dir, 'restart.json');
    const first = await standIn(stateFile);
    await first.client.publishJSON({
      url: `${app.origin}/api/jobs/ring-timeout`,
      body: { callId: 'c-restart' },
      delay: 60,
      deduplicationId: 'ring-timeout-c-restart',
    });
    await first.close();

    const second = await standIn(stateFile);
    const again = await second.client.publishJSON({
      url: `${app.origin}/api/jobs/ring-timeout`,
      body: { callId: 'c-restart' },
      delay: 60,
      deduplicationId: 'ring-timeout-c-restart',
    });
    expect(again).toMatchObject({ deduplicated: true });
    await second.qstash.advance(60);
    expect(received.filter((r) => r.includes('c-restart'))).toEqual([
      '/api/jobs/ring-timeout {"callId":"c-restart"}',
    ]);
    await second.close();

    const third = await standIn(stateFile);
    expect(third.qstash.messages()[0]).toMatchObject({ state: 'delivered' });
    await third.qstash.advance(600);
    expect(received.filter((r) => r.includes('c-restart'))).toHaveLength(1);
    await third.close();
  });
});

describe('schedules', () => {
  test('a minute schedule fires once a minute, survives a restart, and is replaced by id', async () => {
    const stateFile = join(dir, 'schedule.json');
    const first = await standIn(stateFile);
    const create = () =>
      first.client.schedules.create({
        destination: `${app.origin}/api/jobs/sweep`,
        cron: '* * * * *',
        scheduleId: 'sweep',
        body: '{}',
      });
    await create();
    await create();
    expect(first.qstash.schedules()).toHaveLength(1);
    await first.qstash.advance(180);
    const sweeps = () => received.filter((r) => r.startsWith('/api/jobs/sweep')).length;
    expect(sweeps()).toBe(3);
    await first.close();

    const second = await standIn(stateFile);
    expect(second.qstash.schedules()).toHaveLength(1);
    await second.close();
  });

  test.each([
    ['* * * * *', 0, 60_000],
    ['* * * * *', 59_999, 60_000],
    ['*/5 * * * *', 60_000, 300_000],
    ['0 * * * *', 0, undefined],
  ])('%s after %d ms fires at %s', (cron, after, next) => {
    expect(nextCronFire(cron, after)).toBe(next);
  });
});
