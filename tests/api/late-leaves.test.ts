/**
 * The callee listens hidden while it rings, then accepts and joins for real under the same
 * identity; LiveKit reports the hidden session's participant_left whenever it likes, before or
 * after the real join (livekit/livekit#2399). No order of those events may end a connected call.
 * The same for a party's own late leave after a re-join.
 */
import type { DevUser } from '../../dev/dev-users';
import { expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, startedCallId, statusOf } from '../support/calls';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment({ signIn: ['alice', 'bob'] });

type Step =
  | 'hidden joins'
  | 'accept'
  | 'callee joins'
  | 'hidden leaves'
  | 'caller joins'
  | 'hidden leaves (unflagged, older than the join)';

async function run(steps: Step[]): Promise<string> {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  const t0 = Math.floor(Date.now() / 1000);
  const send = async (
    event: 'participant_joined' | 'participant_left',
    who: DevUser,
    options: { hidden?: boolean; createdAt?: number },
  ) => {
    const response = await sendLivekitWebhook(
      env,
      await livekitEvent(env, event, id, who, options),
    );
    expect(response.status).toBe(200);
  };
  for (const step of steps) {
    switch (step) {
      case 'hidden joins':
        await send('participant_joined', bob, { hidden: true, createdAt: t0 });
        break;
      case 'accept':
        expect((await act(env, bob, id, 'accept')).status).toBe(200);
        break;
      case 'callee joins':
        await send('participant_joined', bob, { createdAt: t0 + 10 });
        break;
      case 'caller joins':
        await send('participant_joined', alice, { createdAt: t0 + 1 });
        break;
      case 'hidden leaves':
        // LiveKit replaced the hidden session by the real one (same identity): its leave may
        // carry a later time than the real join.
        await send('participant_left', bob, { hidden: true, createdAt: t0 + 11 });
        break;
      case 'hidden leaves (unflagged, older than the join)':
        await send('participant_left', bob, { createdAt: t0 + 5 });
        break;
    }
  }
  return statusOf(env, id);
}

test.each<[string, Step[]]>([
  [
    'hidden leaves after the real join',
    ['caller joins', 'hidden joins', 'accept', 'callee joins', 'hidden leaves'],
  ],
  [
    'hidden leaves between accept and the real join',
    ['caller joins', 'hidden joins', 'accept', 'hidden leaves', 'callee joins'],
  ],
  [
    'hidden leaves before accept',
    ['caller joins', 'hidden joins', 'hidden leaves', 'accept', 'callee joins'],
  ],
  [
    'the caller joins last, after the hidden leave',
    ['hidden joins', 'accept', 'callee joins', 'hidden leaves', 'caller joins'],
  ],
  [
    'a leave without the hidden flag, older than the real join',
    [
      'caller joins',
      'hidden joins',
      'accept',
      'callee joins',
      'hidden leaves (unflagged, older than the join)',
    ],
  ],
])('%s → connected', async (_order, steps) => {
  expect(await run(steps)).toBe('connected');
});

test('the hidden leave while still ringing does not cancel or end the call', async () => {
  expect(await run(['caller joins', 'hidden joins', 'hidden leaves'])).toBe('ringing');
});

test("a party's own leave older than their re-join does not end the call", async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  const t0 = Math.floor(Date.now() / 1000);
  await act(env, bob, id, 'accept');
  for (const [event, who, at] of [
    ['participant_joined', alice, t0],
    ['participant_joined', bob, t0 + 1],
    ['participant_joined', alice, t0 + 20], // Alice's network blipped: she re-joined
    ['participant_left', alice, t0 + 15], // the old session's leave, delivered late
  ] as const) {
    await sendLivekitWebhook(env, await livekitEvent(env, event, id, who, { createdAt: at }));
  }
  expect(await statusOf(env, id)).toBe('connected');
});
