import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { serverReports } from '../../agent/server-reports';

const turn = {
  type: 'turn',
  sid: 'ac_1',
  seq: 0,
  speaker: 'agent',
  text: 'Hello.',
  at: '2026-01-01T00:00:00.000Z',
} as const;

/** A local app that answers each POST with the next of `answers` and records what it got. */
async function appAnswering(answers: [number, unknown][]) {
  const received: { authorization?: string; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
      const [status, answer] = answers.shift() ?? [200, { ok: true }];
      if (status === 0) return req.socket.destroy(); // a network error
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url, received };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  vi.restoreAllMocks();
});

describe("the worker's reports to the app never end a call", () => {
  test('a report is posted with the worker key and the answer returned', async () => {
    const app = await appAnswering([[200, { outcome: 'confirmed' }]]);
    const answer = await serverReports(app.url, 'k1').send(turn);
    expect(answer).toEqual({ outcome: 'confirmed' });
    expect(app.received).toEqual([{ authorization: 'Bearer k1', body: turn }]);
  });

  test('network errors and 5xx are retried, with the same body', async () => {
    const app = await appAnswering([
      [0, null],
      [503, { error: { code: 'unavailable' } }],
      [200, { ok: true }],
    ]);
    expect(await serverReports(app.url, 'k').send(turn)).toEqual({ ok: true });
    expect(app.received.map((r) => r.body)).toEqual([turn, turn, turn]);
  });

  test('a 4xx is not repeated, and a report given up resolves rather than throws', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = await appAnswering([[404, { error: { code: 'not_found' } }]]);
    expect(await serverReports(app.url, 'k').send(turn)).toBeUndefined();
    expect(app.received).toHaveLength(1);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/turn report not delivered: 404/));
  });

  test('an app that never answers is given up after four tries', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = await appAnswering([
      [500, {}],
      [500, {}],
      [500, {}],
      [500, {}],
      [200, { ok: true }],
    ]);
    expect(await serverReports(app.url, 'k').send(turn)).toBeUndefined();
    expect(app.received).toHaveLength(4);
  });
});
