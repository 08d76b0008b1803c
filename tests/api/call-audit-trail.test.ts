/**
 * A call's audit trail (call_events): every event that arrived, in order, with where it came from
 * (the system starting it, a party in the app, LINE, LiveKit, a QStash job), whether or not it
 * changed the call.
 */
import { expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, startedCallId } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

async function trailOf(callId: string) {
  const { rows } = await env.db.query(
    `SELECT type, source, from_status, to_status FROM call_events WHERE call_id = $1 ORDER BY id`,
    [callId],
  );
  return rows;
}

test('a call answered in the app and ended by a leave', async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  await act(env, bob, id, 'accept');
  await sendLivekitWebhook(env, await livekitEvent(env, 'participant_left', id, alice));
  expect(await trailOf(id)).toEqual([
    { type: 'ring', source: 'system', from_status: 'initiated', to_status: 'ringing' },
    { type: 'accept', source: 'user', from_status: 'ringing', to_status: 'accepted' },
    { type: 'left', source: 'livekit', from_status: 'accepted', to_status: 'ended' },
  ]);
});

test('a call declined from LINE, then timed out by its job', async () => {
  const { alice, carol } = env.users;
  const id = await startedCallId(env, alice, carol);
  await env.line.postback(carol.userId, `action=decline-call&call=${id}`);
  await env.qstash.advance(60);
  expect(await trailOf(id)).toEqual([
    { type: 'ring', source: 'system', from_status: 'initiated', to_status: 'ringing' },
    { type: 'decline', source: 'line', from_status: 'ringing', to_status: 'declined' },
    { type: 'ring-timeout', source: 'qstash', from_status: 'declined', to_status: null },
  ]);
});

test('a start LINE could not ring is failed by the system', async () => {
  const { bob, carol } = env.users;
  env.line.failNextPushes({ status: 500, count: 3 });
  const response = await env.api('/api/calls', {
    as: bob,
    body: { calleeContactId: await env.contactIdOf(carol), media: 'audio' },
    headers: { 'idempotency-key': 'audit-unrung-01' },
  });
  expect(response.status).toBe(503);
  const { rows } = await env.db.query(
    `SELECT id FROM calls WHERE caller_id = $1 AND idempotency_key = 'audit-unrung-01'`,
    [bob.userId],
  );
  expect(await trailOf(rows[0].id)).toEqual([
    { type: 'ring', source: 'system', from_status: 'initiated', to_status: 'ringing' },
    { type: 'fail', source: 'system', from_status: 'ringing', to_status: 'failed' },
  ]);
});
