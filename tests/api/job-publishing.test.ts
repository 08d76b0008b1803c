/**
 * Publishing jobs to QStash: without QStash configured, or with a QStash that cannot reach this
 * app (real QStash and a localhost app), a start is refused as misconfigured rather than left
 * without its time-out; QStash down is a 503 to retry. The sweep's schedule is one, every minute,
 * with no retries (the next minute is the retry), however often it is set.
 */
import { expect, test } from 'vitest';
import { ensureSweepSchedule } from '../../api/_lib/qstash/jobs';
import { startCall } from '../support/calls';
import { withEnvironment } from '../support/process-environment';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });

test.each([
  ['without a QStash token', { QSTASH_TOKEN: undefined }, 503, 'misconfigured'],
  [
    'with a QStash that cannot reach a localhost app',
    { QSTASH_URL: 'https://qstash.example.com' },
    503,
    'misconfigured',
  ],
  ['with QStash down', { QSTASH_URL: 'http://127.0.0.1:9' }, 503, 'scheduler_unavailable'],
])(
  'a start %s is refused with its code, and the call is failed',
  async (_, changes, status, code) => {
    const { alice, bob } = env.users;
    const response = await withEnvironment(changes, () => startCall(env, alice, bob));
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
    const { rows } = await env.db.query(
      `SELECT status FROM calls WHERE caller_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [alice.userId],
    );
    expect(rows[0].status).toBe('failed');
    expect(env.line.pushes(bob.userId)).toEqual([]);
  },
);

test('the sweep schedule: one, every minute, no retries, set again on every deploy', async () => {
  await ensureSweepSchedule();
  await ensureSweepSchedule();
  expect(env.qstash.schedules()).toEqual([
    expect.objectContaining({
      scheduleId: 'liff-calls-sweep',
      destination: `${env.url}/api/jobs/sweep`,
      cron: '* * * * *',
      body: '{}',
      retries: 0,
    }),
  ]);
});
