/**
 * A LIFF user's LINE user id must not reach the people they call: in the app, people are named
 * by a contact id (db/migrations/007_contact_ids.sql), random and stable, in call views, History,
 * call starts and the call-back links of LINE messages. Knowing a LINE id rings no one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { CONTACT_ID as API_CONTACT_ID } from '../../api/_lib/domain/ids';
import type { DevUser } from '../../dev/dev-users';
import { CONTACT_ID as APP_CONTACT_ID } from '../../src/lib/calls/call-view';
import {
  act,
  livekitEvent,
  sendLivekitWebhook,
  signIn,
  startCall,
  startedCallId,
} from '../support/calls';
import { syntheticUsers } from '../support/synthetic-users';
import { useCallTestEnvironment } from '../support/use-test-environment';

const env = useCallTestEnvironment();

const LINE_ID = /U[0-9a-f]{32}/;

/** An answer as a party's page receives it: the whole body, as text. */
async function bodyOf(response: Response | Promise<Response>): Promise<string> {
  return (await response).text();
}

function expectNoLineId(text: string) {
  for (const user of Object.values(env.users)) expect(text).not.toContain(user.userId);
  expect(text).not.toMatch(LINE_ID);
}

const missedTo = (user: DevUser) =>
  env.line.pushes(user.userId).filter((push) => push.messages[0]?.type === 'template');

describe('what a party reads about a call names the other party by contact id only', () => {
  test('starting, reading, acting on, listing a call, and its quality', async () => {
    const { alice, bob } = env.users;
    const started = await startCall(env, alice, bob);
    expect(started.status).toBe(201);
    const startedBody = await started.text();
    expectNoLineId(startedBody);
    const { call } = JSON.parse(startedBody);
    expect(call.other).toEqual({
      contactId: await env.contactIdOf(bob),
      displayName: 'Bob',
      pictureUrl: expect.any(String),
    });

    // The pair's live call, answered to a second start from either side.
    const busy = await startCall(env, bob, alice);
    expect(busy.status).toBe(409);
    const busyBody = await busy.text();
    expectNoLineId(busyBody);
    expect(JSON.parse(busyBody).error.call.other.contactId).toBe(await env.contactIdOf(alice));

    const answers = [
      await bodyOf(env.api(`/api/calls/${call.id}`, { as: bob })),
      await bodyOf(act(env, bob, call.id, 'accept')),
    ];
    for (const user of [alice, bob]) {
      await sendLivekitWebhook(env, await livekitEvent(env, 'participant_joined', call.id, user));
    }
    const report = { action: 'report-quality', final: true, connectionQuality: 'good' };
    for (const user of [alice, bob]) {
      expect((await env.api(`/api/calls/${call.id}`, { as: user, body: report })).status).toBe(204);
    }
    for (const user of [alice, bob]) {
      answers.push(await bodyOf(env.api(`/api/calls/${call.id}`, { as: user })));
      answers.push(await bodyOf(env.api(`/api/calls/${call.id}?quality=1`, { as: user })));
      answers.push(await bodyOf(env.api('/api/calls', { as: user })));
    }
    answers.push(await bodyOf(act(env, alice, call.id, 'end')));
    for (const answer of answers) expectNoLineId(answer);

    const history = JSON.parse(answers[answers.length - 2]!);
    expect(history.calls[0].other.contactId).toBe(await env.contactIdOf(alice));
  });
});

describe('the call-back links in LINE messages carry contact ids', () => {
  test('a missed call: each party is sent a link to the other by contact id', async () => {
    const { alice, bob } = env.users;
    await startedCallId(env, alice, bob);
    // The ring carries no LINE id of the caller either.
    expectNoLineIdOf(alice, JSON.stringify(env.line.pushes(bob.userId)));
    await env.qstash.advance(60);

    const [toBob] = missedTo(bob);
    const [toAlice] = missedTo(alice);
    expect(callBackOf(toBob)).toBe(await env.contactIdOf(alice));
    expect(callBackOf(toAlice)).toBe(await env.contactIdOf(bob));
    expectNoLineIdOf(alice, JSON.stringify(toBob!.messages));
    expectNoLineIdOf(bob, JSON.stringify(toAlice!.messages));
  });

  test('a canceled call: the callee is sent a link to the caller by contact id', async () => {
    const { carol, bob } = env.users;
    const id = await startedCallId(env, carol, bob);
    expect((await act(env, carol, id, 'cancel')).status).toBe(200);
    const [toBob] = missedTo(bob);
    expect(callBackOf(toBob)).toBe(await env.contactIdOf(carol));
    expectNoLineIdOf(carol, JSON.stringify(toBob!.messages));
  });

  /** The `?callBack=` of the message's one button. */
  function callBackOf(push: { messages: unknown[] } | undefined): string | null {
    const uri = /"uri":"([^"]+)"/.exec(JSON.stringify(push?.messages))?.[1];
    return uri ? new URL(uri).searchParams.get('callBack') : null;
  }

  function expectNoLineIdOf(user: DevUser, text: string) {
    expect(text).not.toContain(user.userId);
    expect(text).not.toContain(user.userId.slice(1));
  }
});

describe('who a call start rings', () => {
  test('a LINE id rings no one, under either field name', async () => {
    const { alice, bob } = env.users;
    for (const body of [
      { calleeContactId: bob.userId, media: 'video' },
      { calleeId: bob.userId, media: 'video' },
    ]) {
      const response = await env.api('/api/calls', {
        as: alice,
        body,
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_request');
    }
    expect(env.line.pushes(bob.userId)).toHaveLength(0);
    const { rows } = await env.db.query(
      `SELECT count(*)::int AS n FROM calls WHERE created_at > now() - interval '1 minute'`,
    );
    expect(rows[0].n).toBe(0);
  });

  test('a contact id rings its person; one no one has gets the answer of anyone unreachable', async () => {
    const { alice, bob } = env.users;
    const rung = await startCall(env, alice, bob, { media: 'audio' });
    expect(rung.status).toBe(201);
    expect(env.line.pushes(bob.userId)).toHaveLength(1);

    const [dispatchedOnly] = await syntheticUsers(env, 'contact-never-opened', 1);
    await env.db.query('UPDATE users SET signed_in_at = NULL WHERE line_user_id = $1', [
      dispatchedOnly!.userId,
    ]);
    const unknown = await startCall(env, bob, 'x'.repeat(22));
    const neverOpened = await startCall(env, bob, dispatchedOnly!);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(await neverOpened.json());
  });
});

describe('contact ids', () => {
  const contactIdOfLineId = async (lineUserId: string) =>
    (await env.db.query('SELECT contact_id FROM users WHERE line_user_id = $1', [lineUserId]))
      .rows[0]?.contact_id as string | undefined;

  test('are short, URL-safe, what the API and the app accept, and one per user', async () => {
    const users = [...Object.values(env.users), ...(await syntheticUsers(env, 'contact-ids', 200))];
    const ids = await Promise.all(users.map((user) => env.contactIdOf(user)));
    expect(new Set(ids).size).toBe(users.length);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(encodeURIComponent(id)).toBe(id);
      expect(id).toMatch(API_CONTACT_ID);
      expect(id).toMatch(APP_CONTACT_ID);
      expect(id.toLowerCase()).not.toContain(users[i]!.userId.slice(1, 9).toLowerCase());
    }
  });

  test('are stable: every sign-in, every listing, any change of name', async () => {
    const { carol } = env.users;
    const before = await env.contactIdOf(carol);
    await signIn(env, carol, { ...carol, displayName: 'Carol Renamed' });
    const { me } = await (await env.api('/api/calls', { as: carol })).json();
    expect(me.contactId).toBe(before);
    expect(await env.contactIdOf(carol)).toBe(before);
    await signIn(env, carol);
  });

  test('are drawn at random, not derived from the LINE id: the same LINE id again gets another', async () => {
    const lineUserId = `U${'7'.repeat(32)}`;
    const insert = () =>
      env.db.query(`INSERT INTO users (line_user_id, display_name) VALUES ($1, 'Again')`, [
        lineUserId,
      ]);
    await insert();
    const first = await contactIdOfLineId(lineUserId);
    await env.db.query('DELETE FROM users WHERE line_user_id = $1', [lineUserId]);
    await insert();
    const second = await contactIdOfLineId(lineUserId);
    expect(first).toMatch(API_CONTACT_ID);
    expect(second).toMatch(API_CONTACT_ID);
    expect(second).not.toBe(first);
  });
});
