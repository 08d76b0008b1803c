/**
 * The do-not-call list through the console (numbers as written or with their own code, LINE user
 * ids; a value that is neither refuses the whole request) and reading a campaign's leads a page
 * at a time.
 */
import { describe, expect, test } from 'vitest';
import { createCampaign, uploadLeads } from '../support/campaigns';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'] });
const LINE_ID = `U${'f'.repeat(32)}`;
const listed = async (query = '') =>
  (await (await env.api(`/api/console/do-not-call${query}`, { as: env.users.alice })).json())
    .doNotCall as { callee: string; reason: string | null; addedBy: string }[];

describe('the do-not-call list', () => {
  test('numbers are kept in E.164 and LINE ids as they are; adding one twice adds nothing', async () => {
    const add = (body: object) =>
      env.api('/api/console/do-not-call', { as: env.users.alice, body });
    const first = await add({
      callees: ['010-1234-5678', LINE_ID],
      defaultCountry: 'KR',
      reason: 'asked',
    });
    expect(await first.json()).toEqual({ added: 2, callees: ['+821012345678', LINE_ID] });
    const again = await add({ callees: ['+82 10 1234 5678'] });
    expect((await again.json()).added).toBe(0);
    expect(await listed()).toEqual([
      expect.objectContaining({
        callee: '+821012345678',
        reason: 'asked',
        addedBy: env.users.alice.userId,
        addedByName: env.users.alice.displayName,
      }),
      expect.objectContaining({ callee: LINE_ID }),
    ]);
    expect((await listed('?limit=1')).map((entry) => entry.callee)).toEqual(['+821012345678']);
    expect((await listed('?after=%2B821012345678')).map((entry) => entry.callee)).toEqual([
      LINE_ID,
    ]);
  });

  test.each([
    [{ callees: ['010-1234-5678'] }, 'invalid_callee'],
    [{ callees: ['+81 90 1234 5678', 'nobody'] }, 'invalid_callee'],
    [{ callees: [] }, 'invalid_request'],
    [{ callees: ['+819012345678'], defaultCountry: 'japan' }, 'invalid_request'],
  ])('%o → 400 %s, nothing added', async (body, code) => {
    const before = await listed();
    const response = await env.api('/api/console/do-not-call', { as: env.users.alice, body });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(code);
    expect(await listed()).toEqual(before);
  });

  test('an entry is removed by its number (however escaped) or LINE id; a second time is a 404', async () => {
    await env.api('/api/console/do-not-call', {
      as: env.users.alice,
      body: { callees: ['+66812345678'] },
    });
    for (const path of ['%2B66812345678', '+66812345678']) {
      const response = await env.api(`/api/console/do-not-call/${path}`, {
        as: env.users.alice,
        method: 'DELETE',
      });
      expect(response.status, path).toBe(path.startsWith('%') ? 204 : 404);
    }
    const line = await env.api(`/api/console/do-not-call/${LINE_ID}`, {
      as: env.users.alice,
      method: 'DELETE',
    });
    expect(line.status).toBe(204);
    expect((await listed()).map((entry) => entry.callee)).not.toContain(LINE_ID);
  });
});

describe('reading leads', () => {
  test('a page at a time in id order, by state; bad paging → 400; unknown campaign → 404', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    await uploadLeads(
      env,
      env.users.alice,
      id,
      'phone\n090-1000-0001\n090-1000-0002\n090-1000-0003\n',
    );
    const page = async (query: string) => {
      const response = await env.api(`/api/console/campaigns/${id}/leads${query}`, {
        as: env.users.alice,
      });
      return response.status === 200 ? (await response.json()).leads : response.status;
    };
    const first = await page('?limit=2');
    expect(first.map((lead: { phone: string }) => lead.phone)).toEqual([
      '+819010000001',
      '+819010000002',
    ]);
    const rest = await page(`?limit=2&after=${first[1].id}`);
    expect(rest).toMatchObject([
      { phone: '+819010000003', status: 'pending', attempts: 0, sourceRow: 4 },
    ]);
    expect(await page('?status=done')).toEqual([]);
    for (const query of ['?status=lost', '?limit=0', '?limit=5000', '?after=-1', '?after=x']) {
      expect(await page(query), query).toBe(400);
    }
    const unknown = await env.api(`/api/console/campaigns/${crypto.randomUUID()}/leads`, {
      as: env.users.alice,
    });
    expect(unknown.status).toBe(404);
  });
});
