/** The 60 s ring time-out of a 1:1 call, as QStash delivers it. */
import { describe, expect, test } from 'vitest';
import { act, startedCallId, statusOf } from '../support/calls';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment();

describe('the 60 s ring time-out', () => {
  test('a call still ringing is missed: the room closes and each party hears of it once', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await env.qstash.advance(59);
    expect(await statusOf(env, id)).toBe('ringing');
    env.qstash.duplicateNextDelivery();
    await env.qstash.advance(1);
    expect(await statusOf(env, id)).toBe('missed');
    const missedTo = (userId: string) =>
      env.line.pushes(userId).filter((push) => push.messages[0]?.type === 'template');
    expect(missedTo(bob.userId)).toHaveLength(1);
    expect(missedTo(alice.userId)).toHaveLength(1);
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(`call-${id}`);
    const accept = await act(env, bob, id, 'accept');
    expect(accept.status).toBe(409);
  });

  test('a time-out for a call already answered changes nothing', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    await act(env, bob, id, 'accept');
    await env.qstash.advance(60);
    expect(await statusOf(env, id)).toBe('accepted');
    const [job] = env.qstash.messages().filter((m) => m.body.includes(id));
    expect(job!.state).toBe('delivered');
  });

  test('LINE failing the missed-call push: QStash retries and it is sent once', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    // Both pushes (callee's and caller's) fail all three of their attempts.
    env.line.failNextPushes({ status: 500, count: 6 });
    await env.qstash.advance(60);
    expect(await statusOf(env, id)).toBe('missed');
    const [job] = env.qstash.messages().filter((m) => m.body.includes(id));
    expect(job).toMatchObject({ state: 'failed', dueAt: expect.any(Number) }); // retry pending
    await env.qstash.advance(60);
    expect(env.qstash.messages().filter((m) => m.body.includes(id))[0]!.state).toBe('delivered');
    const missed = env.line.pushes().filter((p) => p.messages[0]?.type === 'template');
    expect(missed.filter((p) => p.to === bob.userId)).toHaveLength(1);
    expect(missed.filter((p) => p.to === alice.userId)).toHaveLength(1);
  });

  test('a job whose signature does not verify is refused', async () => {
    const response = await fetch(`${env.url}/api/jobs/ring-timeout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'upstash-signature': 'forged' },
      body: JSON.stringify({ callId: '0f8fad5b-d9cb-469f-a165-70867728950e' }),
    });
    expect(response.status).toBe(401);
  });
});
