/**
 * A 1:1 call on a real livekit-server when a phone's network goes: a short cut shows
 * "Reconnecting" and the call comes back with video; a long one ends the call, with the reason,
 * on both screens and in the database. Every webhook the real server sent went through a tap,
 * and sending each again, byte for byte, changes nothing.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  acceptedInLine,
  callDatabase,
  mediaOf,
  statusOf,
  useAliceAndBob,
} from '../../support/call-pages';
import { startHttpTap, type HttpTap } from '../../support/http-tap';
import { canRunRealMedia, mediaStats, recordPeerConnections } from '../../support/real-media';
import { useRealMediaWorld } from '../../support/use-browser-world';

describe.skipIf(!canRunRealMedia)('a 1:1 call when a phone loses its network', () => {
  let tap: HttpTap;
  let db: ReturnType<typeof callDatabase>;
  const origin = () => world.server.url;

  // The tap is there before the world (its server sends webhooks through it) and closes after it.
  beforeAll(async () => {
    tap = await startHttpTap(() => origin().replace('localhost', '127.0.0.1'));
  });
  afterAll(() => tap?.close());
  const world = useRealMediaWorld({
    livekitWebhookUrl: (receiver) => `${tap.url}${new URL(receiver).pathname}`,
  });
  const phones = useAliceAndBob(world, { deviceScaleFactor: 1, prepare: recordPeerConnections });

  beforeAll(() => {
    db = callDatabase();
  });
  afterAll(() => db?.end());

  /** A video call Bob accepted in LINE, with both pages connected and decoding the other's video. */
  const callAndAccept = async () => {
    const accepted = await acceptedInLine(world, phones, 'video');
    for (const page of [phones.alicePage, accepted.bobCall]) {
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('connected');
      await expect
        .poll(async () => (await mediaStats(page)).videoStreamsDecoding, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(1);
    }
    return accepted;
  };

  const offline = async (page: Page): Promise<(offline: boolean) => Promise<unknown>> => {
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    return (value) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: value,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
  };

  const eventsOf = async (callId: string) =>
    (
      await db.query<{ to_status: string | null; source: string; event_id: string | null }>(
        'SELECT to_status, source, event_id FROM call_events WHERE call_id = $1 ORDER BY id',
        [callId],
      )
    ).rows;

  const dbStatus = async (id: string) =>
    (
      await db.query<{ status: string; end_reason: string | null }>(
        'SELECT status, end_reason FROM calls WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  test('Bob\'s network drops for a few seconds: "Reconnecting", then the call goes on with video', async () => {
    const { alicePage } = phones;
    const { call, bobCall } = await callAndAccept();
    const network = await offline(bobCall);
    await network(true);
    const reconnecting = bobCall.getByTestId('reconnecting');
    await expect
      .poll(() => reconnecting.isVisible(), { timeout: 20_000, interval: 100 })
      .toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await network(false);
    await expect.poll(() => reconnecting.isVisible(), { timeout: 20_000 }).toBe(false);
    expect(await mediaOf(bobCall)).toBe('connected');
    for (const page of [bobCall, alicePage]) {
      const before = (await mediaStats(page)).framesDecoded;
      await expect
        .poll(async () => (await mediaStats(page)).framesDecoded, { timeout: 10_000 })
        .toBeGreaterThan(before);
    }
    expect(await statusOf(bobCall)).toBe('connected');
    expect((await dbStatus(call.id)).status).toBe('connected');
    await alicePage.getByTestId('end-button').click();
    await expect.poll(() => statusOf(bobCall), { timeout: 5_000 }).toBe('ended');
    await bobCall.close();
  });

  test("Bob's network stays down: the call fails with the reason, on Alice's screen, in the database and on Bob's once he is back", async () => {
    const { alicePage } = phones;
    const { call, bobCall } = await callAndAccept();
    const network = await offline(bobCall);
    await network(true);
    const cut = Date.now();
    // livekit-client gives up resuming after ~45 s of retries; Bob's page says so.
    await expect
      .poll(() => bobCall.getByTestId('media-lost').isVisible(), { timeout: 90_000 })
      .toBe(true);
    console.log(`Bob's page lost the room ${Date.now() - cut} ms into the cut`);
    // The real server gives up on him too: participant_left (signal closed) → failed.
    await expect.poll(() => statusOf(alicePage), { timeout: 60_000, interval: 500 }).toBe('failed');
    console.log(`Alice's page showed the failure ${Date.now() - cut} ms into the cut`);
    const reason = 'callee lost the connection';
    expect(await alicePage.getByTestId('call-outcome').textContent()).toContain(reason);
    expect(await dbStatus(call.id)).toEqual({ status: 'failed', end_reason: reason });
    const failed = (await eventsOf(call.id)).find((e) => e.to_status === 'failed');
    expect(failed).toMatchObject({ source: 'livekit', event_id: expect.stringMatching(/^EV_/) });
    // Offline, Bob's page can only say the room is gone; back online it reads how the call ended.
    await network(false);
    await expect.poll(() => statusOf(bobCall), { timeout: 15_000 }).toBe('failed');
    expect(await bobCall.getByTestId('call-outcome').textContent()).toContain(reason);
    await bobCall.close();
    // ~65 s until the client gives up, ~85 s until the server does, then Bob's way back.
  }, 180_000);

  test('every webhook the real server sent, delivered again byte for byte, is answered 2xx and changes nothing', async () => {
    const deliveries = () => tap.requests(/^\/api\/webhooks\/livekit/);
    // Wait until the server has said everything (room_finished comes after the departure time).
    let count = -1;
    for (let quiet = 0; quiet < 5; await new Promise((resolve) => setTimeout(resolve, 1_000))) {
      const now = deliveries();
      quiet = now.length === count && now.every((d) => d.status !== undefined) ? quiet + 1 : 0;
      count = now.length;
    }
    const sent = deliveries();
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((d) => d.status !== 200)).toEqual([]);
    const snapshot = async () => ({
      calls: (await db.query('SELECT * FROM calls ORDER BY id')).rows,
      events: (await db.query('SELECT * FROM call_events ORDER BY id')).rows,
    });
    const before = await snapshot();
    expect(before.calls.length).toBe(2);
    for (const delivery of sent) {
      const response = await fetch(`${origin()}${delivery.path}`, {
        method: 'POST',
        headers: {
          authorization: delivery.headers.authorization!,
          'content-type': delivery.headers['content-type']!,
        },
        body: new Uint8Array(delivery.body),
      });
      expect(response.status, await response.text()).toBeLessThan(300);
    }
    expect(await snapshot()).toEqual(before);
  });
});
