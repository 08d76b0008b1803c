/**
 * Who may use the campaign console: operators only (the `operators` table), everyone else 403
 * with a JSON error; OPERATOR_ADMINS bootstraps admins (the dev and test world names Alice);
 * admins add, promote and remove operators, never themselves; the console's one function answers
 * every path under /api/console/ through vercel.json's rewrite.
 */
import { describe, expect, test } from 'vitest';
import { DEV_OPERATOR } from '../../dev/dev-users';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

const rolesInTable = async () =>
  (await env.db.query('SELECT line_user_id, role, added_by FROM operators ORDER BY created_at'))
    .rows;

describe('who is an operator', () => {
  test('without a LINE login → 401 JSON', async () => {
    const response = await env.api('/api/console/campaigns');
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthenticated');
  });

  test.each([
    ['GET', '/api/console/campaigns'],
    ['POST', '/api/console/campaigns'],
    ['GET', '/api/console/operators'],
    ['GET', '/api/console/do-not-call'],
    ['GET', '/api/console/nothing-here'],
  ])('a LINE user who is not an operator: %s %s → 403 JSON', async (method, path) => {
    const response = await env.api(path, {
      as: env.users.bob,
      method,
      ...(method === 'POST' ? { body: {} } : {}),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await response.json()).error.code).toBe('not_an_operator');
  });

  test('OPERATOR_ADMINS makes Alice an admin on her first request, recorded in the table', async () => {
    expect(DEV_OPERATOR.userId).toBe(env.users.alice.userId);
    const response = await env.api('/api/console/me', { as: env.users.alice });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      operator: { lineUserId: env.users.alice.userId, displayName: 'Alice', role: 'admin' },
    });
    expect(await rolesInTable()).toEqual([
      { line_user_id: env.users.alice.userId, role: 'admin', added_by: 'OPERATOR_ADMINS' },
    ]);
  });
});

describe('admins manage operators', () => {
  const { alice, bob, carol } = { alice: 0, bob: 1, carol: 2 } as const;
  const user = (index: 0 | 1 | 2) => [env.users.alice, env.users.bob, env.users.carol][index]!;

  test('an admin adds an operator, who may then use campaigns but not manage operators', async () => {
    const added = await env.api('/api/console/operators', {
      as: user(alice),
      body: { lineUserId: user(bob).userId, role: 'operator' },
    });
    expect(added.status).toBe(200);
    expect((await added.json()).operator).toMatchObject({
      lineUserId: user(bob).userId,
      role: 'operator',
      displayName: 'Bob',
      addedBy: user(alice).userId,
      addedByName: 'Alice',
    });
    expect((await env.api('/api/console/campaigns', { as: user(bob) })).status).toBe(200);
    const listing = await env.api('/api/console/operators', { as: user(bob) });
    expect(listing.status).toBe(403);
    expect((await listing.json()).error.code).toBe('not_an_admin');
    const adding = await env.api('/api/console/operators', {
      as: user(bob),
      body: { lineUserId: user(carol).userId, role: 'admin' },
    });
    expect(adding.status).toBe(403);
  });

  test('an admin lists, promotes and removes operators', async () => {
    const listed = await (await env.api('/api/console/operators', { as: user(alice) })).json();
    expect(listed.operators.map((o: { lineUserId: string }) => o.lineUserId)).toEqual([
      user(alice).userId,
      user(bob).userId,
    ]);
    const promoted = await env.api('/api/console/operators', {
      as: user(alice),
      body: { lineUserId: user(bob).userId, role: 'admin' },
    });
    expect((await promoted.json()).operator.role).toBe('admin');
    expect((await env.api('/api/console/operators', { as: user(bob) })).status).toBe(200);
    const removed = await env.api(`/api/console/operators/${user(bob).userId}`, {
      as: user(alice),
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect((await env.api('/api/console/campaigns', { as: user(bob) })).status).toBe(403);
    const again = await env.api(`/api/console/operators/${user(bob).userId}`, {
      as: user(alice),
      method: 'DELETE',
    });
    expect(again.status).toBe(404);
  });

  test('an admin cannot remove or demote themselves (409)', async () => {
    const removing = await env.api(`/api/console/operators/${user(alice).userId}`, {
      as: user(alice),
      method: 'DELETE',
    });
    expect(removing.status).toBe(409);
    const demoting = await env.api('/api/console/operators', {
      as: user(alice),
      body: { lineUserId: user(alice).userId, role: 'operator' },
    });
    expect(demoting.status).toBe(409);
    expect((await demoting.json()).error.code).toBe('cannot_change_yourself');
  });

  test.each([
    [{ lineUserId: 'Unot-an-id', role: 'operator' }],
    [{ lineUserId: `U${'a'.repeat(32)}`, role: 'owner' }],
    [{ lineUserId: `U${'a'.repeat(32)}` }],
    [{ lineUserId: `U${'a'.repeat(32)}`, role: 'operator', extra: 1 }],
  ])('bad operator bodies → 400 JSON: %o', async (body) => {
    const response = await env.api('/api/console/operators', { as: user(alice), body });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_request');
  });
});

describe('the one console function', () => {
  test.each([
    ['/api/console/nothing', 'GET', 404, 'not_found'],
    ['/api/console/campaigns/not-a-uuid', 'GET', 404, 'not_found'],
    ['/api/console/campaigns', 'DELETE', 405, 'method_not_allowed'],
    ['/api/console/me', 'PUT', 405, 'method_not_allowed'],
    ['/api/console/operators/%E0%A4%A', 'DELETE', 404, 'not_found'],
    ['/api/console/operators/%00', 'DELETE', 404, 'not_found'],
    ['/api/console/do-not-call/%00', 'DELETE', 404, 'not_found'],
    ['/api/console/do-not-call?after=%00', 'GET', 400, 'invalid_after'],
  ])('%s %s → %i %s', async (path, method, status, code) => {
    const response = await env.api(path, { as: env.users.alice, method });
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  test('reached by its rewritten path and by /api/console?path= alike', async () => {
    const direct = await env.api('/api/console?path=me', { as: env.users.alice });
    expect((await direct.json()).operator.role).toBe('admin');
    const nested = await env.api('/api/console/campaigns/', { as: env.users.alice });
    expect(nested.status).toBe(200);
  });
});
