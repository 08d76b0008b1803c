/**
 * Rules that deliberately broken code once got past the tests: each pinned at its boundary.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { MAX_JSON_BYTES } from '../../api/_lib/http';
import { act, startedCallId } from '../support/calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob'] });

describe('who may do what to a 1:1 call', () => {
  test('the caller cannot decline their own call (403), nor the callee cancel it', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    const decline = await act(env, alice, id, 'decline');
    expect(decline.status).toBe(403);
    expect((await decline.json()).error.code).toBe('not_allowed');
    expect((await act(env, bob, id, 'cancel')).status).toBe(403);
    expect((await act(env, alice, id, 'accept')).status).toBe(403);
    const { rows } = await env.db.query('SELECT status FROM calls WHERE id = $1', [id]);
    expect(rows[0].status).toBe('ringing');
    await act(env, alice, id, 'cancel');
  });
});

describe('the 16 KiB body limit, at the byte', () => {
  const bodyOf = (bytes: number, calleeContactId: string) => {
    const shell = JSON.stringify({ calleeContactId, media: 'video', pad: '' });
    const body = shell.replace('"pad":""', `"pad":"${'x'.repeat(bytes - shell.length)}"`);
    expect(Buffer.byteLength(body)).toBe(bytes);
    return body;
  };
  const post = async (body: string) =>
    fetch(`${env.url}/api/calls`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await env.idTokenFor(env.users.alice)}`,
        'idempotency-key': randomUUID(),
      },
      body,
    });

  test('exactly 16,384 bytes is read; 16,385 is 413', async () => {
    expect(MAX_JSON_BYTES).toBe(16 * 1024);
    const [callee] = await syntheticUsers(env, 'body-limit', 1);
    const contactId = await env.contactIdOf(callee!);
    const atLimit = await post(bodyOf(16 * 1024, contactId));
    expect(atLimit.status).toBe(201);
    const over = await post(bodyOf(16 * 1024 + 1, contactId));
    expect(over.status).toBe(413);
    expect((await over.json()).error.code).toBe('payload_too_large');
  });
});

describe('agent-call room tokens', () => {
  test.each([
    ['initiated', 403],
    ['ringing', 200],
    ['answered', 200],
    ['ended', 403],
    ['missed', 403],
    ['busy', 403],
    ['failed', 403],
    ['canceled', 403],
  ])('a session %s → %i', async (status, expected) => {
    const { alice } = env.users;
    const sid = `ac_token_${status}`;
    await env.db.query(
      `INSERT INTO agent_call_sessions (sid, room_name, callee_user_id, requested_by, status,
         initiated_at)
       VALUES ($1, $2, $3, 'api', $4, now())`,
      [sid, `agent-${sid}`, alice.userId, status],
    );
    const response = await env.api('/api/token', { as: alice, body: { room: `agent-${sid}` } });
    expect(response.status).toBe(expected);
    // Only one live agent call per callee: this one must not block the next case.
    await env.db.query(
      `UPDATE agent_call_sessions SET status = 'ended' WHERE sid = $1
      AND status IN ('initiated', 'ringing', 'answered')`,
      [sid],
    );
  });
});
