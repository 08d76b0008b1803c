/**
 * 1:1 calls with real media: Alice and Bob are two phones (browser contexts) on a real
 * livekit-server; Bob is rung through the LINE stand-in's inbox. Call state comes from the real
 * server's webhooks through the production receiver, and every open page follows it live.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEV_DEPARTURE_TIMEOUT_S } from '../../../dev/livekit-server';
import { RESULTS } from '../../support/browser-world';
import {
  acceptedInLine,
  callDatabase,
  callPagesOf,
  mediaOf,
  startCallFromPeople,
  statusOf,
  useAliceAndBob,
} from '../../support/call-pages';
import {
  canRunRealMedia,
  stayedOnMachine,
  mediaStats,
  recordPeerConnections,
} from '../../support/real-media';
import { useRealMediaWorld } from '../../support/use-browser-world';

const LIVEKIT_ICE_FAILURE_S = 15;

describe.skipIf(!canRunRealMedia)('1:1 calls with a real media server', () => {
  const world = useRealMediaWorld();
  const phones = useAliceAndBob(world, { deviceScaleFactor: 1, prepare: recordPeerConnections });
  const { appUrl, inboxUrl } = callPagesOf(world);
  let db: ReturnType<typeof callDatabase>;
  beforeAll(() => {
    db = callDatabase();
  });
  afterAll(() => db?.end());

  const eventsOf = async (callId: string) =>
    (
      await db.query<{ to_status: string | null; source: string; event_id: string | null }>(
        'SELECT to_status, source, event_id FROM call_events WHERE call_id = $1 ORDER BY id',
        [callId],
      )
    ).rows;

  test('Alice calls Bob, Bob accepts in LINE: both see and hear each other; Alice ends, Bob sees it at once', async () => {
    const { alicePage } = phones;
    const { call, bobCall } = await acceptedInLine(world, phones, 'video');
    for (const page of [alicePage, bobCall]) {
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('connected');
      await expect.poll(() => mediaOf(page)).toBe('connected');
      await expect
        .poll(async () => (await mediaStats(page)).videoStreamsDecoding, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(1);
      await expect
        .poll(async () => (await mediaStats(page)).audioStreamsReceiving, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(1);
      expect(stayedOnMachine(await mediaStats(page))).toBe(true);
    }
    // "connected" was written by the real server's participant_joined webhook (LiveKit's EV_ id).
    const connected = (await eventsOf(call.id)).find((e) => e.to_status === 'connected');
    expect(connected).toMatchObject({ source: 'livekit', event_id: expect.stringMatching(/^EV_/) });
    await bobCall.screenshot({ path: join(RESULTS, 'real-call-bob-in-call-375x667.png') });

    // Each page reports its call quality every 10 s while connected.
    const reporters = async () =>
      (
        await db.query<{ n: number }>(
          'SELECT count(DISTINCT participant_id)::int AS n FROM call_quality_stats WHERE call_id = $1',
          [call.id],
        )
      ).rows[0]!.n;
    await expect.poll(reporters, { timeout: 25_000, interval: 500 }).toBe(2);
    // Bob's timer as it last read before his page turned to "ended".
    const bobClock = bobCall.getByTestId('call-clock');
    let clock = await bobClock.textContent();
    await alicePage.getByTestId('end-button').click();
    const ended = Date.now();
    while ((await statusOf(bobCall)) !== 'ended' && Date.now() - ended < 2_000) {
      clock = (await bobClock.textContent({ timeout: 100 }).catch(() => null)) ?? clock;
    }
    expect(await statusOf(bobCall)).toBe('ended');
    console.log(`Bob's page showed the end ${Date.now() - ended} ms after Alice's tap`);
    expect(Date.now() - ended).toBeLessThan(2_000);
    await bobCall.screenshot({ path: join(RESULTS, 'real-call-bob-ended-375x667.png') });
    const row = await db.query<{ duration_seconds: number }>(
      'SELECT duration_seconds FROM calls WHERE id = $1',
      [call.id],
    );
    const [minutes, seconds] = (clock ?? '').split(':').map(Number);
    const shown = minutes! * 60 + seconds!;
    console.log(`duration: row ${row.rows[0]!.duration_seconds} s, Bob's timer ${clock}`);
    expect(Math.abs(row.rows[0]!.duration_seconds - shown)).toBeLessThanOrEqual(2);
    await bobCall.close();

    // The pages sent a final snapshot as the call ended; Alice's History sheet shows both.
    const finals = await db.query(
      'SELECT participant_id, round_trip_time_ms, frame_height FROM call_quality_stats WHERE call_id = $1 AND final',
      [call.id],
    );
    expect(finals.rows.length).toBe(2);
    expect(finals.rows.every((r) => r.round_trip_time_ms !== null && r.frame_height > 0)).toBe(
      true,
    );
    await alicePage.goto(appUrl('/history', 'Alice'));
    await alicePage.getByTestId('call-row').first().click();
    const parties = alicePage.getByTestId('call-quality-party');
    await expect.poll(() => parties.count(), { timeout: 5_000 }).toBe(2);
    await alicePage.screenshot({ path: join(RESULTS, 'real-call-history-quality-375x667.png') });
    await alicePage.keyboard.press('Escape');
  });

  test("Bob's decline in LINE reaches Alice's open page, and Alice's cancel reaches Bob's", async () => {
    const { alicePage, bobPage, bob } = phones;
    await alicePage.goto(appUrl('/history', 'Alice'));
    const declined = await startCallFromPeople(alicePage, 'Bob', 'voice');
    await expect.poll(() => mediaOf(alicePage), { timeout: 15_000 }).toBe('connected');
    const inbox = await bob.newPage();
    await inbox.goto(inboxUrl('Bob'));
    await inbox.locator(`[data-postback="action=decline-call&call=${declined.id}"]`).click();
    await expect.poll(() => inbox.locator('#toast').textContent()).toContain('answered 200');
    await inbox.close();
    await expect.poll(() => statusOf(alicePage), { timeout: 5_000 }).toBe('declined');

    await alicePage.goto(appUrl('/history', 'Alice'));
    const canceled = await startCallFromPeople(alicePage, 'Bob', 'video');
    await bobPage.goto(appUrl(`/call/${canceled.id}`, 'Bob'));
    await bobPage.getByTestId('accept-button').waitFor();
    // Bob's ringing page listens in the room, hidden, so the room's deletion reaches it.
    await expect.poll(() => mediaOf(bobPage), { timeout: 15_000 }).toBe('connected');
    await alicePage.getByTestId('cancel-button').click();
    await expect.poll(() => statusOf(bobPage), { timeout: 5_000 }).toBe('canceled');
    await bobPage.screenshot({ path: join(RESULTS, 'real-call-bob-canceled-375x667.png') });
  });

  test('Bob vanishes mid-call (his phone dies): the call ends from the real webhooks', async () => {
    const { alicePage, bob } = phones;
    const { call, bobCall } = await acceptedInLine(world, phones, 'voice');
    await expect.poll(() => statusOf(alicePage), { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => statusOf(bobCall)).toBe('connected');
    // The renderer dies: no unload, no LiveKit leave, the connections just drop.
    const cdp = await bob.newCDPSession(bobCall);
    const gone = Date.now();
    // (It never answers: the page is gone.)
    void cdp.send('Page.crash').catch(() => {});
    // LiveKit gives a silent participant a fixed 15 s (ICE disconnected 10 s + failed 5 s,
    // pkg/rtc/transport.go; not configurable) before it leaves; then the departure timeout.
    const limit = (LIVEKIT_ICE_FAILURE_S + DEV_DEPARTURE_TIMEOUT_S + 5) * 1000;
    await expect
      .poll(
        async () =>
          (await db.query('SELECT status FROM calls WHERE id = $1', [call.id])).rows[0].status,
        { timeout: limit + 10_000, interval: 250 },
      )
      .toMatch(/^(ended|failed)$/);
    const took = Date.now() - gone;
    console.log(`departure: the call ended ${took} ms after Bob's context closed`);
    expect(took).toBeLessThan(limit);
    const row = (await eventsOf(call.id)).find((e) => /ended|failed/.test(e.to_status ?? ''));
    expect(row).toMatchObject({
      source: 'livekit',
      to_status: expect.stringMatching(/ended|failed/),
    });
    await expect.poll(() => statusOf(alicePage), { timeout: 5_000 }).toMatch(/^(ended|failed)$/);
    await alicePage.screenshot({ path: join(RESULTS, 'real-call-alice-bob-gone-375x667.png') });
  });

  test('every webhook the real server sent was accepted, and none failed', () => {
    const media = world.server.media;
    if (media?.kind !== 'real') throw new Error('expected a real livekit-server');
    const deliveries = media.server.webhooks();
    expect(deliveries.length).toBeGreaterThan(10);
    expect(deliveries.filter((d) => d.status !== 200 || d.error)).toEqual([]);
    expect(deliveries.map((d) => d.event)).toContain('participant_left');
  });
});
