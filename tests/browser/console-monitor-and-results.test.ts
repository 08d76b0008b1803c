/**
 * The console's live monitor and results at a desk, as Alice (an admin). UI TESTS AGAINST THE
 * CONTRACT (api/_lib/console-contract.ts): the monitor, listen-in, results, lead detail, export and
 * analytics endpoints are answered in the browser with `page.route`, shapes typed by the contract
 * (fixtures in support/console-fixtures.ts), while the campaign itself is real; the real endpoints
 * have their own API tests, and real-media/campaign-console.test.ts runs the whole story against
 * them. Screenshots go to test-results/console-*.
 */
import { describe, expect, test } from 'vitest';
import type { AgentCallAnalytics } from '../../api/_lib/console-contract';
import { canRunBrowserTests } from '../support/browser-world';
import { consoleDesk } from '../support/console-desk';
import { json, lead, leadDetail, monitor, results, stats } from '../support/console-fixtures';
import { useBrowserWorld } from '../support/use-browser-world';

const SOON = { timeout: 10_000 };

describe.skipIf(!canRunBrowserTests)('the console monitor and results', () => {
  const world = useBrowserWorld({ testing: true });
  const { desk, shot, createCampaign } = consoleDesk(world);

  test('the live monitor polls with If-None-Match, ticks, and offers each call to the operator', async () => {
    const id = await createCampaign('Live monitor');
    const conditional: (string | undefined)[] = [];
    let hungUp = '';
    const { context, page } = await desk('alice', `/console/campaigns/${id}`, async (page) => {
      await page.route(`**/api/console/campaigns/${id}/monitor`, (route) => {
        const etag = route.request().headers()['if-none-match'];
        conditional.push(etag);
        if (etag === '"m1"') return route.fulfill({ status: 304 });
        return json(route, monitor(id), { etag: '"m1"' });
      });
      await page.route('**/api/console/calls/*/take-over', (route) =>
        json(route, { error: { code: 'call_not_live', message: 'The call has ended.' } }, {}, 409),
      );
      await page.route('**/api/console/calls/*/hang-up', (route) => {
        hungUp = new URL(route.request().url()).pathname;
        return json(route, { ok: true });
      });
    });

    const call = page.getByRole('listitem', { name: 'Call with Sato Hanako' });
    await call.waitFor(SOON);
    expect(
      await call.getByRole('list', { name: 'Transcript with Sato Hanako' }).textContent(),
    ).toContain('Yes, I will pay on Friday.');
    const leads = page.getByRole('definition').first();
    expect(await leads.textContent()).toBe('1'); // dialing
    const duration = call.getByLabel('duration');
    const first = await duration.textContent();
    await expect.poll(() => duration.textContent(), SOON).not.toBe(first);
    // The second read and later ones are conditional, and a 304 keeps the view.
    await expect.poll(() => conditional.length, SOON).toBeGreaterThan(2);
    expect(conditional[0]).toBeUndefined();
    expect(conditional.slice(1).every((etag) => etag === '"m1"')).toBe(true);
    expect(await call.isVisible()).toBe(true);
    await shot(page, 'monitor');

    await call.getByRole('button', { name: 'Take over' }).click();
    await expect
      .poll(() => page.getByTestId('operator-bar').textContent(), SOON)
      .toContain("Couldn't take the call over: The call has ended.");

    await call.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => hungUp, SOON).toBe('/api/console/calls/sid-sato/hang-up');

    // Hidden tab: no reads; shown again: it reads at once.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForTimeout(2000);
    const whileHidden = conditional.length;
    await page.waitForTimeout(3500);
    expect(conditional.length).toBe(whileHidden);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => conditional.length, SOON).toBeGreaterThan(whileHidden);
    await context.close();
  });

  test('results: numbers, charts, leads with their attempts, export; analytics for admins', async () => {
    const id = await createCampaign('Results');
    const { context, page } = await desk(
      'alice',
      `/console/campaigns/${id}/results`,
      async (page) => {
        await page.route(`**/api/console/campaigns/${id}/results`, (route) =>
          json(route, results(id)),
        );
        await page.route(new RegExp(`/api/console/campaigns/${id}/leads\\?`), (route) =>
          json(route, {
            leads: [lead(1, 'Sato Hanako', 'done'), lead(2, 'Suzuki Ichiro', 'retry_scheduled')],
          }),
        );
        await page.route(new RegExp(`/api/console/campaigns/${id}/leads/1$`), (route) =>
          json(route, leadDetail()),
        );
        await page.route(`**/api/console/campaigns/${id}/export.csv`, (route) =>
          route.fulfill({
            status: 200,
            contentType: 'text/csv',
            body: 'lead,outcome\n1,confirmed\n',
          }),
        );
        await page.route(/\/api\/console\/analytics\?days=30$/, (route) =>
          json(route, { days: 30, stats: stats() } satisfies AgentCallAnalytics),
        );
      },
    );

    await page.getByRole('heading', { name: /Results: Results/ }).waitFor(SOON);
    expect(
      await page.locator('.counter', { hasText: 'Answer rate' }).locator('dd').textContent(),
    ).toBe('60%');
    expect(await page.locator('figure canvas').count()).toBe(3);
    await page.getByRole('button', { name: 'Sato Hanako' }).waitFor(SOON);
    await shot(page, 'results');

    await page.getByRole('button', { name: 'Sato Hanako' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lead Sato Hanako' });
    await dialog.getByText('Attempt 2: Ended · Confirmed').waitFor(SOON);
    expect(await dialog.textContent()).toContain('Yes, I will pay on Friday.');
    await shot(page, 'lead-detail');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`campaign-${id}.csv`);

    await page.getByRole('link', { name: 'Agent call analytics' }).click();
    await page.getByRole('heading', { name: 'Agent call analytics' }).waitFor(SOON);
    await page.locator('figure canvas').first().waitFor(SOON);
    await shot(page, 'analytics');
    await context.close();
  });
});
