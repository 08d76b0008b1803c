/**
 * What a party reads of a call (GET /api/calls/:id and the answer to an action): their role, the
 * other party, and when the ringing stops (the screens count down to it); anyone else reads
 * nothing, and a call id no call has is a 404.
 */
import { expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, startedCallId } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

test('each party reads their role, the other party, and the ring deadline 60 s after the start', async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  const asAlice = (await (await env.api(`/api/calls/${id}`, { as: alice })).json()).call;
  const asBob = (await (await act(env, bob, id, 'accept')).json()).call;

  expect(asAlice).toMatchObject({
    role: 'caller',
    other: { contactId: await env.contactIdOf(bob) },
  });
  expect(asBob).toMatchObject({
    role: 'callee',
    other: { contactId: await env.contactIdOf(alice) },
  });
  expect(asBob.other.displayName).toBe('Alice');
  for (const view of [asAlice, asBob]) {
    expect(Date.parse(view.ringDeadline) - Date.parse(view.createdAt)).toBe(60_000);
  }
  await act(env, bob, id, 'end');
});

test('a call that connected and ended shows when, and how long it lasted', async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  await act(env, bob, id, 'accept');
  for (const user of [alice, bob]) {
    await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, user));
  }
  await env.db.query(
    `UPDATE calls SET connected_at = connected_at - interval '42 seconds' WHERE id = $1`,
    [id],
  );
  const { call } = await (await act(env, alice, id, 'end')).json();
  const { rows } = await env.db.query('SELECT connected_at, ended_at FROM calls WHERE id = $1', [
    id,
  ]);
  expect(call).toMatchObject({
    status: 'ended',
    connectedAt: rows[0].connected_at.toISOString(),
    endedAt: rows[0].ended_at.toISOString(),
    durationSeconds: 42,
  });
});

test('someone who is not a party reads and does nothing: 403 not_your_call', async () => {
  const { alice, bob, carol } = env.users;
  const id = await startedCallId(env, alice, bob);
  for (const response of [
    await env.api(`/api/calls/${id}`, { as: carol }),
    await act(env, carol, id, 'end'),
  ]) {
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('not_your_call');
  }
  await act(env, alice, id, 'cancel');
});

test('a call id that names no call: 404 call_not_found, to read or to act on', async () => {
  const { alice } = env.users;
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  for (const response of [
    await env.api(`/api/calls/${id}`, { as: alice }),
    await act(env, alice, id, 'end'),
    await env.api(`/api/calls/not-a-call`, { as: alice }),
  ]) {
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('call_not_found');
  }
});
