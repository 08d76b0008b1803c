/**
 * A missed agent call and "call me again": the missed push, the postback, the call back and what
 * it finds (the callee on another call), the limit of three, and "Not now".
 */
import { beforeEach, describe, expect, test } from 'vitest';
import {
  agentRoomEvent,
  callMeNow,
  pushedTexts,
  sessionOf,
  sessionsOf,
  startedAgentCall,
} from '../support/agent-calls';
import { act, clearEarlierCalls, startedCallId } from '../support/calls';
import { useAgentCallTestEnvironment } from '../support/use-test-environment';

const env = useAgentCallTestEnvironment();
// No earlier 1:1 call keeps anyone busy either.
beforeEach(() => clearEarlierCalls(env));

describe('the missed agent call, called again', () => {
  test('no answer → one missed push → "call me again" → second call → answered → ended', async () => {
    const { alice } = env.users;
    const first = await startedAgentCall(await callMeNow(env, alice));

    env.qstash.duplicateNextDelivery();
    await env.qstash.advance(60);
    expect(await sessionOf(env, first.sid)).toMatchObject({
      status: 'missed',
      timeout_notification_sent: true,
    });
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(first.room);
    const missed = pushedTexts(env, alice).filter((text) => text.includes('missed a call'));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toContain(`action=agent-retry&sid=${first.sid}`);

    // Alice taps "Call me in 5 min" in LINE; LINE delivers the postback twice.
    const data = `action=agent-retry&sid=${first.sid}`;
    await env.line.postback(alice.userId, data);
    await env.line.postback(alice.userId, data);
    expect(pushedTexts(env, alice).filter((t) => t.includes('about 5 minutes'))).toHaveLength(1);

    await env.qstash.advance(299);
    expect(await sessionsOf(env, alice)).toHaveLength(1 + priorSessions(alice));
    env.qstash.duplicateNextDelivery();
    await env.qstash.advance(1);
    const second = (await sessionsOf(env, alice)).at(-1)!;
    expect(second).toMatchObject({ status: 'ringing', retry_count: 1, original_sid: first.sid });
    expect((await sessionsOf(env, alice)).filter((s) => s.original_sid === first.sid)).toHaveLength(
      1,
    );

    const t = Math.floor(Date.now() / 1000);
    await agentRoomEvent(env, 'participant_joined', second.sid, alice, { createdAt: t });
    expect(await sessionOf(env, second.sid)).toMatchObject({ status: 'answered' });
    await agentRoomEvent(env, 'participant_left', second.sid, alice, { createdAt: t + 30 });
    expect(await sessionOf(env, second.sid)).toMatchObject({ status: 'ended' });

    const view = await (await env.api(`/api/agent-calls/${first.sid}`, { as: alice })).json();
    expect(view.agentCall).toMatchObject({
      status: 'missed',
      attempt: 1,
      retries: [{ attempt: 1, status: 'executed', newSid: second.sid }],
    });
  });

  test('three misses use up the retries: the 4th "call me again" is refused', async () => {
    const { carol } = env.users;
    let current = await startedAgentCall(await callMeNow(env, carol));
    for (let attempt = 1; attempt <= 3; attempt++) {
      await env.qstash.advance(60);
      const retry = await env.api(`/api/agent-calls/${current.sid}`, {
        as: carol,
        body: { action: 'schedule-retry' },
      });
      expect(retry.status).toBe(200);
      await env.qstash.advance([300, 900, 1800][attempt - 1]!);
      const latest = (await sessionsOf(env, carol)).at(-1)!;
      expect(latest).toMatchObject({ retry_count: attempt, status: 'ringing' });
      current = { ...current, sid: latest.sid };
    }
    await env.qstash.advance(60);
    const lastMissed = pushedTexts(env, carol).at(-1)!; // the notice for the 3rd retry
    expect(lastMissed).toContain('คุณมีสายที่ไม่ได้รับ'); // Carol's LINE is in Thai
    expect(lastMissed).not.toContain('agent-retry');
    const fourth = await env.api(`/api/agent-calls/${current.sid}`, {
      as: carol,
      body: { action: 'schedule-retry' },
    });
    expect(fourth.status).toBe(409);
    expect((await fourth.json()).error.code).toBe('retry_limit');
  });

  test('a retry that finds the user on a call waits 2 minutes, twice, then gives up and says so', async () => {
    const { bob, carol } = env.users;
    const first = await startedAgentCall(await callMeNow(env, bob));
    await env.qstash.advance(60);
    await env.api(`/api/agent-calls/${first.sid}`, { as: bob, body: { action: 'schedule-retry' } });
    // Bob is now on a 1:1 call (answered, so its own ring time-out leaves it live).
    const callId = await startedCallId(env, carol, bob);
    await act(env, bob, callId, 'accept');
    await env.qstash.advance(300);
    await env.qstash.advance(120);
    await env.qstash.advance(120);
    const { rows } = await env.db.query(
      `SELECT status, postponed_count FROM agent_call_retry_queue WHERE original_sid = $1`,
      [first.sid],
    );
    expect(rows).toEqual([{ status: 'gave_up', postponed_count: 2 }]);
    expect(pushedTexts(env, bob).filter((t) => t.includes('通話中'))).toHaveLength(1);
    expect((await sessionsOf(env, bob)).filter((s) => s.original_sid === first.sid)).toHaveLength(
      0,
    );
  });

  test('"Not now" cancels the ringing call and closes its room', async () => {
    const { alice } = env.users;
    const call = await startedAgentCall(await callMeNow(env, alice));
    await env.line.postback(alice.userId, `action=agent-not-now&sid=${call.sid}`);
    expect(await sessionOf(env, call.sid)).toMatchObject({ status: 'canceled' });
    expect(env.livekit.calls('DeleteRoom').map((c) => c.body.room)).toContain(call.room);
    await env.qstash.advance(60);
    expect(pushedTexts(env, alice).filter((t) => t.includes('missed a call'))).toHaveLength(0);
  });
});

let baseline = new Map<string, number>();
function priorSessions(user: { userId: string }): number {
  return baseline.get(user.userId) ?? 0;
}
beforeEach(async () => {
  const { rows } = await env.db.query(
    `SELECT callee_user_id, count(*)::int AS n FROM agent_call_sessions GROUP BY callee_user_id`,
  );
  baseline = new Map(rows.map((row) => [row.callee_user_id, row.n]));
});
