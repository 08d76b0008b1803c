/**
 * Database round trips per callback, counted on the pg client: a state change with its audit row
 * is one statement, and so is a duplicate delivery (docs/decisions.md#performance-budgets).
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { act, livekitEvent, sendLivekitWebhook, startedCallId } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });
let statements = 0;
const query = pg.Client.prototype.query;

beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
});
afterAll(() => {
  pg.Client.prototype.query = query;
});

async function countStatements(work: () => Promise<unknown>): Promise<number> {
  statements = 0;
  await work();
  return statements;
}

test('a LiveKit webhook that changes a call, and the same webhook again: one statement each', async () => {
  const { alice, bob } = env.users;
  const id = await startedCallId(env, alice, bob);
  await act(env, bob, id, 'accept');
  await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', id, alice));
  const connect = await livekitEvent(env, 'participant_joined', id, bob);

  expect(await countStatements(() => sendLivekitWebhook(env, connect))).toBe(1);
  const { rows } = await env.db.query('SELECT status FROM calls WHERE id = $1', [id]);
  expect(rows[0].status).toBe('connected');
  expect(await countStatements(() => sendLivekitWebhook(env, connect))).toBe(1);
});

test('the ring time-out of a ringing call: 4 statements; delivered again: 1', async () => {
  const { alice, bob } = env.users;
  await env.db.query(`UPDATE calls SET status = 'ended'
    WHERE status IN ('initiated', 'ringing', 'accepted', 'connected')`);
  const id = await startedCallId(env, alice, bob);
  const { ringTimeout } = await import('../../api/_lib/calls/ring-timeout');
  // The event with its audit row, the two parties (for their names and languages), the notice
  // marked sent.
  expect(await countStatements(() => ringTimeout(id))).toBe(4);
  expect(await countStatements(() => ringTimeout(id))).toBe(1);
});

async function ringingSession(sid: string, callee: { userId: string } | { phone: string }) {
  await env.db.query(
    `INSERT INTO agent_call_sessions (sid, room_name, callee_user_id, callee_phone, requested_by,
       status, initiated_at, ringing_at)
     VALUES ($1, $2, $3, $4, 'api', 'ringing', now(), now())`,
    [
      sid,
      `agent-${sid}`,
      'userId' in callee ? callee.userId : null,
      'phone' in callee ? callee.phone : null,
    ],
  );
  const { agentRingTimeout } = await import('../../api/_lib/agent-calls/agent-ring-timeout');
  return () => agentRingTimeout(sid);
}

test('the agent ring time-out of a LINE callee: 2 statements; delivered again: 1', async () => {
  const ringTimeout = await ringingSession('ac_statements_1', env.users.alice);
  // The event with its audit row, the notice marked sent.
  expect(await countStatements(ringTimeout)).toBe(2);
  expect(await countStatements(ringTimeout)).toBe(1);
});

test('the agent ring time-out of a phone: 3 statements, or 2 when its SIP leg is active; delivered again: 1', async () => {
  // The event, refused while LiveKit is asked about the SIP leg; the event again, now that it is
  // known not to be active; the notice marked sent (a phone has none, but the sweep looks).
  const missed = await ringingSession('ac_statements_phone_1', { phone: '+819011110001' });
  expect(await countStatements(missed)).toBe(3);
  expect(await countStatements(missed)).toBe(1);
  // The event refused; LiveKit's answer.
  const sid = 'ac_statements_phone_2';
  const answered = await ringingSession(sid, { phone: '+819011110002' });
  env.livekit.addParticipant(`agent-${sid}`, {
    identity: `sip-${sid}`,
    attributes: { 'sip.callStatus': 'active' },
  });
  expect(await countStatements(answered)).toBe(2);
  expect(await countStatements(answered)).toBe(1);
});

test('execute-retry: 6 statements, 2 its own; delivered again: 1', async () => {
  const { bob } = env.users;
  const sid = 'ac_statements_2';
  await env.db.query(
    `INSERT INTO agent_call_sessions (sid, room_name, callee_user_id, requested_by, status,
       initiated_at, ringing_at, timeout_at, ended_at, duration_seconds)
     VALUES ($1, $2, $3, 'self', 'missed', now(), now(), now(), now(), 0)`,
    [sid, `agent-${sid}`, bob.userId],
  );
  const { scheduleRetry } = await import('../../api/_lib/agent-calls/agent-call-actions');
  const { executeRetry } = await import('../../api/_lib/agent-calls/execute-retry');
  await scheduleRetry(bob.userId, sid, { source: 'user' });
  const { rows } = await env.db.query(
    'SELECT id::text FROM agent_call_retry_queue WHERE original_sid = $1',
    [sid],
  );
  // Its own: the claim (with the busy check and the original's context) and marking it done,
  // after the new call is dispatched so that a transient failure can hand the row back. The new
  // call's: the callee read, the session inserted, rung, read back.
  // The stand-in's agent worker would join the new call's room, and its webhook's statement
  // would be counted too: it is not the retry's.
  env.livekit.agentWorker(false);
  try {
    expect(await countStatements(() => executeRetry(rows[0].id))).toBe(6);
    expect(await countStatements(() => executeRetry(rows[0].id))).toBe(1);
  } finally {
    env.livekit.agentWorker(true);
  }
});
