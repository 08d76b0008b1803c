/**
 * POST /api/agent-worker: the worker's own key (none, wrong, the backend's, misconfigured), bodies
 * it may not send, unknown sessions, and transcript turns: a redelivery stores nothing new, turns
 * after the call ended are kept, and the callee and backends read them in order.
 */
import { describe, expect, test } from 'vitest';
import { resetConfig } from '../../api/_lib/config';
import {
  agentCallOf,
  agentRoomEvent,
  API_KEY,
  callMeNow,
  startedAgentCall,
  workerReport,
} from '../support/agent-calls';
import { useAgentCallTestEnvironment } from '../support/use-test-environment';

const env = useAgentCallTestEnvironment({ signIn: ['alice', 'bob'] });

const at = '2026-12-02T10:00:00.000Z';
const turn = (sid: string, seq: number, text = `turn ${seq}`) => ({
  type: 'turn',
  sid,
  seq,
  speaker: seq % 2 ? 'callee' : 'agent',
  text,
  at: new Date(Date.parse(at) + seq * 1000).toISOString(),
});
const hello = {
  type: 'hello',
  agentName: 'reminder-agent',
  speech: { stt: 'pocketsphinx', tts: 'espeak-ng', llm: null },
};

describe('the worker key', () => {
  test.each([
    ['no key', null],
    ['a wrong key', 'not-the-worker-key'],
    ['the backend API key', API_KEY],
  ])('%s → 401 JSON, nothing stored', async (_, key) => {
    const response = await workerReport(env, hello, key);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('invalid_worker_key');
    const { rows } = await env.db.query('SELECT count(*)::int AS n FROM agent_worker_hellos');
    expect(rows[0].n).toBe(0);
  });

  test('its own key → 200; AGENT_WORKER_KEY replaces the dev key', async () => {
    expect(await (await workerReport(env, hello)).json()).toEqual({ ok: true });
    process.env.AGENT_WORKER_KEY = 'w'.repeat(40);
    resetConfig();
    try {
      expect((await workerReport(env, hello)).status).toBe(401);
      expect((await workerReport(env, hello, 'w'.repeat(40))).status).toBe(200);
    } finally {
      delete process.env.AGENT_WORKER_KEY;
      resetConfig();
    }
  });

  test('deployed without AGENT_WORKER_KEY → 503 misconfigured, whatever the key', async () => {
    process.env.LIVEKIT_DEV_KEYS = '0';
    resetConfig();
    try {
      for (const key of ['dev-agent-worker-key', 'anything', null]) {
        const response = await workerReport(env, hello, key);
        expect(response.status).toBe(503);
        expect((await response.json()).error).toMatchObject({
          code: 'misconfigured',
          message: expect.stringContaining('AGENT_WORKER_KEY'),
        });
      }
    } finally {
      process.env.LIVEKIT_DEV_KEYS = '1';
      resetConfig();
    }
  });
});

describe('bodies', () => {
  test.each([
    ['not JSON', '{"type":'],
    ['no type', { sid: 'ac_12345678' }],
    ['an unknown type', { type: 'goodbye' }],
    ['hello without speech', { type: 'hello', agentName: 'a' }],
    ['hello with a number for llm', { ...hello, speech: { stt: 'a', tts: 'b', llm: 3 } }],
    ['a negative seq', turn('ac_12345678', -1)],
    ['a fractional seq', turn('ac_12345678', 1.5)],
    ['a seq past int4', turn('ac_12345678', 2 ** 31)],
    ['empty text', turn('ac_12345678', 0, '')],
    ['text over 2000', turn('ac_12345678', 0, 'x'.repeat(2001))],
    ['a NUL in text', turn('ac_12345678', 0, 'a\u0000b')],
    ['an unknown speaker', { ...turn('ac_12345678', 0), speaker: 'narrator' }],
    ['a time that is not ISO', { ...turn('ac_12345678', 0), at: 'yesterday' }],
    ['a malformed sid', turn('no', 0)],
    ['an unknown outcome', { type: 'outcome', sid: 'ac_12345678', outcome: 'maybe', at }],
    ['an outcome without a time', { type: 'outcome', sid: 'ac_12345678', outcome: 'confirmed' }],
  ])('%s → 400 JSON', async (_, body) => {
    const response = await workerReport(env, body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toMatch(/^invalid_/);
  });

  test.each([
    ['a turn', turn('ac_nosuchcall', 0)],
    ['an outcome', { type: 'outcome', sid: 'ac_nosuchcall', outcome: 'confirmed', at }],
  ])('%s of an unknown session → 404', async (_, body) => {
    const response = await workerReport(env, body);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('agent_call_not_found');
  });
});

describe('transcript turns', () => {
  test('a redelivered turn stores nothing new; turns are read in seq order', async () => {
    const { sid } = await startedAgentCall(await callMeNow(env, env.users.alice));
    for (const seq of [1, 0, 2]) expect((await workerReport(env, turn(sid, seq))).status).toBe(200);
    const again = await workerReport(env, turn(sid, 1, 'a different text'));
    expect(await again.json()).toEqual({ ok: true, stored: false });
    const call = await agentCallOf(env, sid);
    expect(call.transcript).toEqual([
      { speaker: 'agent', text: 'turn 0', at: '2026-12-02T10:00:00.000Z' },
      { speaker: 'callee', text: 'turn 1', at: '2026-12-02T10:00:01.000Z' },
      { speaker: 'agent', text: 'turn 2', at: '2026-12-02T10:00:02.000Z' },
    ]);
    expect(call.outcome).toBeNull();
  });

  test('turns arriving after the call ended are still stored', async () => {
    const { alice } = env.users;
    const { sid } = await startedAgentCall(await callMeNow(env, alice));
    await agentRoomEvent(env, 'participant_joined', sid, alice);
    await agentRoomEvent(env, 'participant_left', sid, alice);
    expect((await agentCallOf(env, sid)).status).toBe('ended');
    expect(await (await workerReport(env, turn(sid, 0, 'Goodbye'))).json()).toEqual({
      ok: true,
      stored: true,
    });
    expect((await agentCallOf(env, sid)).transcript).toMatchObject([{ text: 'Goodbye' }]);
  });

  test('the callee reads their transcript; another user may not; the list carries none', async () => {
    const { alice, bob } = env.users;
    const { sid } = await startedAgentCall(await callMeNow(env, alice));
    await workerReport(env, turn(sid, 0, 'Hello Alice'));
    const own = await (await env.api(`/api/agent-calls/${sid}`, { as: alice })).json();
    expect(own.agentCall.transcript).toEqual([expect.objectContaining({ text: 'Hello Alice' })]);
    expect((await env.api(`/api/agent-calls/${sid}`, { as: bob })).status).toBe(403);
    const list = await (await env.api('/api/agent-calls', { as: alice })).json();
    const listed = list.agentCalls.find((call: { sid: string }) => call.sid === sid);
    expect(listed).not.toHaveProperty('transcript');
    expect(listed).toHaveProperty('outcome', null);
  });
});
