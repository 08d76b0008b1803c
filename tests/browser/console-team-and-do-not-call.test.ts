/**
 * The console's team and do-not-call screens at a desk (1280×800) through the real console API:
 * Alice (an admin through OPERATOR_ADMINS) adds Carol, makes her an admin and removes her, and
 * has no control over herself; Bob, an operator, has no Team page; the do-not-call list takes
 * numbers as written and LINE user ids, names what it refuses, pages with Show more and takes a
 * number off. Screenshots go to test-results/console-*.
 */
import { describe, expect, test } from 'vitest';
import type { DoNotCallEntry, Operator } from '../../api/_lib/console-contract';
import { canRunBrowserTests } from '../support/browser-world';
import { apiAs } from '../support/call-pages';
import { consoleDesk } from '../support/console-desk';
import { useBrowserWorld } from '../support/use-browser-world';

const SOON = { timeout: 10_000 };
const LINE_ID = `U${'a1'.repeat(16)}`;

describe.skipIf(!canRunBrowserTests)('the team and the do-not-call list', () => {
  const world = useBrowserWorld({ testing: true });
  const { desk, shot } = consoleDesk(world);
  const asAlice = (path: string, body?: unknown) =>
    apiAs(world.server.url, world.user('Alice'), path, body);
  const roles = async () => {
    const { operators } = (await (await asAlice('/api/console/operators')).json()) as {
      operators: Operator[];
    };
    return Object.fromEntries(operators.map((o) => [o.lineUserId, o.role]));
  };
  const listed = async () => {
    const response = await asAlice('/api/console/do-not-call?limit=1000');
    const { doNotCall } = (await response.json()) as { doNotCall: DoNotCallEntry[] };
    return doNotCall.map((entry) => entry.callee);
  };

  test('an admin adds an operator, makes them an admin and removes them; never herself', async () => {
    const alice = world.user('Alice').userId;
    const carol = world.user('Carol').userId;
    const { context, page } = await desk('alice', '/console/team');
    const row = (text: string) => page.locator('tbody tr', { hasText: text });
    await row(alice).waitFor(SOON);
    expect(await row(alice).textContent()).toContain('you');
    expect(await row(alice).textContent()).toContain('by the OPERATOR_ADMINS setting');
    expect(await row(alice).locator('button, select').count()).toBe(0);

    // Making herself an operator through the form: the server's 409 beside it, the id kept.
    const form = page.getByRole('form', { name: 'Add an operator' });
    const id = form.getByLabel('LINE user id');
    await id.fill(alice);
    await form.getByLabel('Role').selectOption('operator');
    await form.getByRole('button', { name: 'Add' }).click();
    const error = page.getByTestId('add-operator-error');
    await error.waitFor(SOON);
    expect(await error.textContent()).toBe('Another admin must change your own role.');
    expect(await id.inputValue()).toBe(alice);
    expect((await roles())[alice]).toBe('admin');

    await id.fill(carol);
    await form.getByRole('button', { name: 'Add' }).click();
    await row(carol).waitFor(SOON);
    expect(await row(carol).textContent()).toContain('by you');
    expect(await id.inputValue()).toBe('');
    expect((await roles())[carol]).toBe('operator');

    await row(carol).getByRole('combobox').selectOption('admin');
    await expect.poll(async () => (await roles())[carol], SOON).toBe('admin');
    await shot(page, 'team');

    // Removing asks first; "Keep" keeps her.
    await row(carol).getByRole('button', { name: 'Remove' }).click();
    await shot(page, 'team-confirm-remove');
    await row(carol).getByRole('button', { name: 'Keep' }).click();
    expect((await roles())[carol]).toBe('admin');
    await row(carol).getByRole('button', { name: 'Remove' }).click();
    await row(carol).getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => row(carol).count(), SOON).toBe(0);
    expect(await roles()).not.toHaveProperty(carol);
    await context.close();
  });

  test('an operator who is not an admin has no Team link, and /console/team says why', async () => {
    const bob = world.user('Bob').userId;
    expect(
      (await asAlice('/api/console/operators', { lineUserId: bob, role: 'operator' })).ok,
    ).toBe(true);
    const { context, page } = await desk('bob');
    await page.getByRole('link', { name: 'Do not call' }).waitFor(SOON);
    expect(await page.getByRole('link', { name: 'Team', exact: true }).count()).toBe(0);
    await page.goto(`${world.server.url}/console/team?devUser=bob`);
    const alert = page.getByRole('alert');
    await alert.waitFor(SOON);
    expect(await alert.textContent()).toBe(
      'Only admins manage the team. Ask an admin to add, promote or remove operators.',
    );
    await shot(page, 'team-not-admin');
    await context.close();
  });

  test('numbers as written and a LINE user id go on the list; a refused value is named and kept', async () => {
    const { context, page } = await desk('alice', '/console/do-not-call');
    await page.getByText('No one is on the do-not-call list.').waitFor(SOON);
    const form = page.getByRole('form', { name: 'Add to the do-not-call list' });
    const callees = form.getByLabel('Numbers or LINE user ids');
    expect(await form.getByLabel('Numbers without a + are in').inputValue()).toBe('JP');

    const typed = `090-1234-5678\n+82 10-2345-6789, ${LINE_ID}\n090-12`;
    await callees.fill(typed);
    await form.getByLabel('Reason (optional)').fill('Asked not to be called');
    await form.getByRole('button', { name: 'Add to the list' }).click();
    const error = page.getByTestId('do-not-call-error');
    await error.waitFor(SOON);
    expect(await error.textContent()).toContain('Nothing was added.');
    expect(await error.locator('code').allTextContents()).toEqual(['090-12']);
    expect(await callees.inputValue()).toBe(typed);
    expect(await listed()).toEqual([]);
    await shot(page, 'do-not-call-refused');

    // A national number read in Japan, one with its own +82, a LINE user id.
    await callees.fill(typed.replace('\n090-12', ''));
    await form.getByRole('button', { name: 'Add to the list' }).click();
    const added = page.getByTestId('do-not-call-added');
    await added.waitFor(SOON);
    expect(await added.textContent()).toBe('Added 3.');
    expect(await callees.inputValue()).toBe('');
    const list = page.getByRole('table', { name: 'Do-not-call list' });
    await list.getByText(LINE_ID).waitFor(SOON);
    const rows = list.locator('tbody tr');
    expect(await rows.locator('th').allTextContents()).toEqual([
      '+819012345678',
      '+821023456789',
      LINE_ID,
    ]);
    expect(await rows.first().textContent()).toContain('Asked not to be called');
    expect(await rows.first().textContent()).toContain('by you');
    await shot(page, 'do-not-call');
    await context.close();
  });

  test('more than a page: Show more reads on; a +81 number is taken off after a confirm', async () => {
    // Thai numbers sort before +81, so the first page (50) is theirs.
    const thai = Array.from({ length: 60 }, (_, i) => `+66 81 234 56${String(i).padStart(2, '0')}`);
    const seeded = await asAlice('/api/console/do-not-call', {
      callees: [...thai, '+81 3-1234-5678'],
      reason: 'Seeded',
    });
    expect(seeded.status).toBe(200);
    const { context, page } = await desk('alice', '/console/do-not-call');
    const rows = page.getByRole('table', { name: 'Do-not-call list' }).locator('tbody tr');
    const tokyo = rows.filter({ hasText: '+81312345678' });
    await page.getByRole('button', { name: 'Show more' }).waitFor(SOON);
    expect(await rows.count()).toBe(50);
    expect(await tokyo.count()).toBe(0);

    await page.getByRole('button', { name: 'Show more' }).click();
    await tokyo.waitFor(SOON);
    expect(await rows.count()).toBe((await listed()).length);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);

    await tokyo.getByRole('button', { name: 'Remove' }).click();
    await tokyo.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => tokyo.count(), SOON).toBe(0);
    expect(await listed()).not.toContain('+81312345678');
    await shot(page, 'do-not-call-more');
    await context.close();

    // Bob, an operator who cannot read the team, still sees who added an entry by name.
    const bob = world.user('Bob').userId;
    const added = await asAlice('/api/console/operators', { lineUserId: bob, role: 'operator' });
    expect(added.ok).toBe(true);
    const asBob = await desk('bob', '/console/do-not-call');
    await asBob.page.getByRole('button', { name: 'Show more' }).waitFor(SOON);
    const first = asBob.page.getByRole('table', { name: 'Do-not-call list' }).locator('tbody tr');
    expect(await first.first().textContent()).toContain('by Alice');
    await asBob.context.close();
  });
});
