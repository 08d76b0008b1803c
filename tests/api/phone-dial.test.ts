/**
 * Phone agent calls must not hold the request (docs/decisions.md#phone-calls-dial-in-a-job): the
 * start answers `ringing` at once, a `dial-out` job dials (once, however often QStash delivers it)
 * and records the outcome, and the ring time-out never calls missed a phone whose SIP participant
 * is active.
 */
import { expect, test } from 'vitest';
import { API_KEY, dispatchWithApiKey, sessionOf } from '../support/agent-calls';
import { deliverJob } from '../support/signed-deliveries';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({
  env: { AGENT_API_KEY: API_KEY, LIVEKIT_SIP_TRUNK_ID: 'ST_test_trunk' },
});

async function runJob(job: 'dial-out' | 'agent-ring-timeout', sid: string) {
  const { status, body } = await deliverJob(env, job, { sid });
  expect(status).toBe(200);
  return body;
}

async function dial(phone: string) {
  const response = await dispatchWithApiKey(env, { to: { phone } });
  expect(response.status).toBe(201);
  return (await response.json()).agentCall as { sid: string; room: string; status: string };
}

test('a dial that rings for 5 s: the start answers ringing within 2 s; the job records answered', async () => {
  env.livekit.sipOutcome('+819044440000', { delayMs: 5000, then: 'answer' });
  const started = Date.now();
  const call = await dial('+819044440000');
  // ~2 s is the budget; a loaded 2-core CI machine gets some slack, still well inside the dial.
  expect(Date.now() - started).toBeLessThan(3000);
  expect(call.status).toBe('ringing');
  await env.qstash.deliverDue();
  expect(await sessionOf(env, call.sid)).toMatchObject({ status: 'answered' });
}, 20_000);

test('the dial-out job delivered twice dials once', async () => {
  const call = await dial('+819055550000');
  env.qstash.duplicateNextDelivery({ concurrently: true });
  await env.qstash.deliverDue();
  const dials = env.livekit
    .calls('CreateSIPParticipant')
    .filter((c) => c.body.participantIdentity === `sip-${call.sid}`);
  expect(dials).toHaveLength(1);
});

test('the dial-out job answers how the dial ended; a second delivery, that it did not dial', async () => {
  env.livekit.sipOutcome('+819055551111', { delayMs: 0, then: 'answer' });
  const call = await dial('+819055551111');
  expect(await runJob('dial-out', call.sid)).toEqual({ done: true, status: 'answered' });
  expect(await runJob('dial-out', call.sid)).toEqual({ done: true, status: 'not dialled' });
  const { rows } = await env.db.query(
    `SELECT type, source, event_id FROM agent_call_events WHERE sid = $1 AND type = 'answer'`,
    [call.sid],
  );
  expect(rows).toEqual([{ type: 'answer', source: 'livekit', event_id: `dial-out_${call.sid}` }]);
  // Answered and recorded: the time-out has nothing to ask LiveKit.
  const lookups = env.livekit.calls('GetParticipant').length;
  expect(await runJob('agent-ring-timeout', call.sid)).toEqual({ done: true, status: 'answered' });
  expect(env.livekit.calls('GetParticipant')).toHaveLength(lookups);
});

test('LiveKit down when the job dials: the call fails with the reason, and the job is done', async () => {
  const call = await dial('+819055552222');
  env.livekit.failNext(503);
  expect(await runJob('dial-out', call.sid)).toEqual({ done: true, status: 'failed' });
  expect((await sessionOf(env, call.sid)).failure_reason).toMatch(/LiveKit/);
});

test('the ring time-out finds the SIP participant active (the job was cut off) → answered, not missed', async () => {
  const call = await dial('+819066660000');
  // As a dial job killed mid-dial leaves it: the dial claimed, no outcome recorded.
  await env.db.query('UPDATE agent_call_sessions SET dial_started_at = now() WHERE sid = $1', [
    call.sid,
  ]);
  env.livekit.addParticipant(call.room, {
    identity: `sip-${call.sid}`,
    attributes: { 'sip.callStatus': 'active' },
  });
  expect(await runJob('agent-ring-timeout', call.sid)).toEqual({ done: true, status: 'answered' });
  expect(await sessionOf(env, call.sid)).toMatchObject({ status: 'answered' });
  expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).not.toContain(call.room);
  // The time-out refused while LiveKit is asked; LiveKit's word, recorded under the run's id.
  const { rows } = await env.db.query(
    `SELECT type, source, event_id, to_status FROM agent_call_events
     WHERE sid = $1 AND type IN ('ring-timeout', 'answer') ORDER BY id`,
    [call.sid],
  );
  const run = `agent-ring-timeout_${call.sid}`;
  expect(rows).toEqual([
    { type: 'ring-timeout', source: 'qstash', event_id: run, to_status: null },
    { type: 'answer', source: 'livekit', event_id: run, to_status: 'answered' },
  ]);
});

test('a SIP participant still ringing at the time-out → missed', async () => {
  const call = await dial('+819077770000');
  await env.db.query('UPDATE agent_call_sessions SET dial_started_at = now() WHERE sid = $1', [
    call.sid,
  ]);
  env.livekit.addParticipant(call.room, {
    identity: `sip-${call.sid}`,
    attributes: { 'sip.callStatus': 'ringing' },
  });
  // Missed, once however often the job comes; a phone has no LINE to be told on.
  const lookups = env.livekit.calls('GetParticipant').length;
  for (let delivery = 0; delivery < 2; delivery++) {
    expect(await runJob('agent-ring-timeout', call.sid)).toEqual({ done: true, status: 'missed' });
  }
  expect(await sessionOf(env, call.sid)).toMatchObject({ status: 'missed' });
  expect(env.line.pushes()).toHaveLength(0);
  expect(env.livekit.calls('GetParticipant')).toHaveLength(lookups + 1);
  // The time-out refused while LiveKit is asked, then again with LiveKit's word.
  const { rows } = await env.db.query(
    `SELECT source, event_id, to_status, data FROM agent_call_events
     WHERE sid = $1 AND type = 'ring-timeout' ORDER BY id`,
    [call.sid],
  );
  const run = `agent-ring-timeout_${call.sid}`;
  expect(rows).toEqual([
    { source: 'qstash', event_id: run, to_status: null, data: {} },
    {
      source: 'qstash',
      event_id: `${run}_sip-leg-checked`,
      to_status: 'missed',
      data: { sipLegChecked: true },
    },
  ]);
});

test('LiveKit down when the ring time-out asks about the SIP leg: 5xx; the redelivery asks again → missed once', async () => {
  const call = await dial('+819077771111');
  await env.db.query('UPDATE agent_call_sessions SET dial_started_at = now() WHERE sid = $1', [
    call.sid,
  ]);
  env.livekit.failNext(503);
  expect((await deliverJob(env, 'agent-ring-timeout', { sid: call.sid })).status).toBe(503);
  // Its first event is recorded, refused: the redelivery finds it taken and still asks LiveKit.
  expect(await sessionOf(env, call.sid)).toMatchObject({ status: 'ringing' });
  expect(await runJob('agent-ring-timeout', call.sid)).toEqual({ done: true, status: 'missed' });
  const { rows } = await env.db.query(
    `SELECT count(*)::int AS n FROM agent_call_events WHERE sid = $1 AND to_status = 'missed'`,
    [call.sid],
  );
  expect(rows[0].n).toBe(1);
});

test('the sweep resolves a phone call whose dial-out job was lost: missed, or answered if its SIP leg is live', async () => {
  for (const sid of ['ac_sweep_phone_lost', 'ac_sweep_phone_live']) {
    await env.db.query(
      `INSERT INTO agent_call_sessions (sid, room_name, callee_phone, requested_by, status,
         created_at, initiated_at, ringing_at, agent_joined_at)
       VALUES ($1, $2, $3, 'api', 'ringing', now() - interval '5 minutes',
         now() - interval '5 minutes', now() - interval '5 minutes', now() - interval '5 minutes')`,
      [sid, `agent-${sid}`, sid.endsWith('lost') ? '+819088880001' : '+819088880002'],
    );
  }
  env.livekit.addParticipant('agent-ac_sweep_phone_live', {
    identity: 'sip-ac_sweep_phone_live',
    attributes: { 'sip.callStatus': 'active' },
  });
  expect((await deliverJob(env, 'sweep', {})).status).toBe(200);
  expect(await sessionOf(env, 'ac_sweep_phone_lost')).toMatchObject({ status: 'missed' });
  expect(await sessionOf(env, 'ac_sweep_phone_live')).toMatchObject({ status: 'answered' });
});
