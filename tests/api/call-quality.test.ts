import { expect, test } from 'vitest';
import { MAX_SNAPSHOTS_PER_PARTY } from '../../api/_lib/db/call-quality';
import { act, livekitEvent, sendLivekitWebhook, startedCallId } from '../support/calls';
import type { TestEnvironment } from '../support/test-environment';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

const snapshot = { action: 'report-quality', final: false, connectionQuality: 'excellent' };
const report = (as: TestEnvironment['users']['alice'], id: string, body: object = snapshot) =>
  env.api(`/api/calls/${id}`, { as, body });

test('parties report quality once connected; History reads a summary per party', async () => {
  const { alice, bob, carol } = env.users;
  const id = await startedCallId(env, alice, bob);
  const early = await report(alice, id);
  expect(early.status).toBe(409);
  expect((await early.json()).error).toMatchObject({ code: 'not_connected', status: 'ringing' });
  await act(env, bob, id, 'accept');
  for (const user of [alice, bob]) {
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, user));
  }
  const measured = { ...snapshot, roundTripTimeMs: 20, jitterMs: 3, packetLoss: 0.01 };
  expect(
    (await report(alice, id, { ...measured, bitrateKbps: 900, frameHeight: 480 })).status,
  ).toBe(204);
  expect((await report(alice, id, { ...measured, roundTripTimeMs: 40, final: true })).status).toBe(
    204,
  );
  expect((await report(bob, id, { ...measured, connectionQuality: 'poor' })).status).toBe(204);
  expect((await report(carol, id)).status).toBe(403);
  expect((await report(alice, id, { ...snapshot, packetLoss: 2 })).status).toBe(400);

  const response = await env.api(`/api/calls/${id}?quality=1`, { as: bob });
  const { quality } = await response.json();
  // Each party by their role in the call, caller first: no LINE id reaches the other party.
  expect(quality).toEqual([
    expect.objectContaining({
      role: 'caller',
      snapshots: 2,
      roundTripTimeMs: 30,
      frameHeight: 480,
    }),
    expect.objectContaining({ role: 'callee', snapshots: 1, connectionQuality: 'poor' }),
  ]);
  expect(JSON.stringify(quality)).not.toContain(alice.userId);
  await act(env, alice, id, 'end');
});

test(`a party stores at most ${MAX_SNAPSHOTS_PER_PARTY} snapshots of a call, even all at once`, async () => {
  const { alice, carol } = env.users;
  const id = await startedCallId(env, alice, carol);
  await act(env, carol, id, 'accept');
  for (const user of [alice, carol]) {
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, user));
  }
  const statuses: number[] = [];
  for (let batch = 0; batch < 14; batch++) {
    const answers = await Promise.all(Array.from({ length: 10 }, () => report(alice, id)));
    statuses.push(...answers.map((r) => r.status));
  }
  // All 140 are numbered one after another: the first 120 stored, the rest refused, none lost.
  expect(statuses.filter((s) => s === 204)).toHaveLength(MAX_SNAPSHOTS_PER_PARTY);
  expect(statuses.filter((s) => s === 429)).toHaveLength(140 - MAX_SNAPSHOTS_PER_PARTY);
  expect((await (await report(alice, id)).json()).error.code).toBe('quality_limit');
  const { rows } = await env.db.query(
    'SELECT count(*)::int AS n, max(seq) AS top FROM call_quality_stats WHERE call_id = $1',
    [id],
  );
  expect(rows[0].n).toBe(MAX_SNAPSHOTS_PER_PARTY);
  expect(rows[0].top).toBeLessThan(MAX_SNAPSHOTS_PER_PARTY);
});

test('the summary names the caller first, whoever the caller is', async () => {
  const { alice, bob } = env.users;
  // The other way round from the first test: Bob calls, Alice answers.
  const id = await startedCallId(env, bob, alice);
  await act(env, alice, id, 'accept');
  for (const user of [alice, bob]) {
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, user));
  }
  expect((await report(alice, id, { ...snapshot, connectionQuality: 'poor' })).status).toBe(204);
  expect((await report(bob, id)).status).toBe(204);
  const { quality } = await (await env.api(`/api/calls/${id}?quality=1`, { as: alice })).json();
  expect(quality).toEqual([
    expect.objectContaining({ role: 'caller', connectionQuality: 'excellent' }),
    expect.objectContaining({ role: 'callee', connectionQuality: 'poor' }),
  ]);
});
