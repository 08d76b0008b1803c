/**
 * The campaign console at a desk (1280×800) through the real console API, as Alice (an admin
 * through OPERATOR_ADMINS) and Bob (no operator): sign-in, the campaign list, the form and its
 * 400s, a CSV upload with its report and rejected rows, the actions and a 409. The monitor and
 * results screens are in console-monitor-and-results.test.ts. Screenshots go to
 * test-results/console-*.
 */
import { describe, expect, test } from 'vitest';
import { canRunBrowserTests } from '../support/browser-world';
import { consoleDesk } from '../support/console-desk';
import { useBrowserWorld } from '../support/use-browser-world';

const SOON = { timeout: 10_000 };

const CSV = [
  'phone,customer_name,invoice_number,amount_due',
  '090-1234-5678,Sato Hanako,INV-1,5000',
  '080-2345-6789,Suzuki Ichiro,INV-2,12000',
  'not a number,Nobody,INV-3,1',
].join('\n');

describe.skipIf(!canRunBrowserTests)('the campaign console', () => {
  const world = useBrowserWorld({ testing: true });
  const { desk, shot, createCampaign } = consoleDesk(world);

  test('someone who is not an operator is told so, in their language', async () => {
    const { context, page } = await desk('bob');
    await expect.poll(() => page.getByTestId('not-an-operator').isVisible(), SOON).toBe(true);
    // In Bob's language: his LINE is in Japanese.
    expect(await page.getByRole('heading').textContent()).toBe('オペレーターではありません');
    await shot(page, 'not-an-operator');
    await context.close();
  });

  test('an operator creates a campaign, uploads leads, starts and pauses it', async () => {
    const { context, page } = await desk('alice');
    await page.getByText('No campaigns yet').waitFor(SOON);
    expect(await page.getByTestId('operator').textContent()).toContain('Admin');
    await shot(page, 'empty');

    // The server's 400 is shown on the form.
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Name').fill('December reminders');
    await form.getByLabel('Default country').fill('XX');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByTestId('campaign-form-error').waitFor(SOON);
    expect(await page.getByTestId('campaign-form-error').textContent()).toContain('country');
    await shot(page, 'form-error');

    await form.getByLabel('Default country').fill('JP');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: /December reminders/ }).waitFor(SOON);
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Draft');

    // Leads from a CSV: the report, the rejected row, and its CSV.
    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    const report = page.getByTestId('import-report');
    await report.waitFor(SOON);
    const counter = (label: string) =>
      report.locator('.counter', { hasText: label }).locator('dd').textContent();
    expect(await counter('Added')).toBe('2');
    expect(await counter('Rejected')).toBe('1');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the rejected rows (CSV)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^rejected-rows-.*\.csv$/);
    await shot(page, 'uploaded');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => page.getByTestId('campaign-status').textContent(), SOON)
      .toBe('Running');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('campaign-status').textContent(), SOON).toBe('Paused');

    // Back to the list: the campaign with its leads by state.
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    const row = page.getByRole('row', { name: /December reminders/ });
    await row.waitFor(SOON);
    expect(await row.textContent()).toContain('Paused');
    await shot(page, 'list');
    await context.close();
  });

  test('starting a campaign with no leads says why it cannot; canceling asks first', async () => {
    const id = await createCampaign('Nobody to call');
    const { context, page } = await desk('alice', `/console/campaigns/${id}`);
    await page.getByRole('button', { name: 'Start' }).click();
    const error = page.getByTestId('campaign-action-error');
    await error.waitFor(SOON);
    expect(await error.textContent()).toBe(
      'Cannot start a draft campaign: it has no lead left to call.',
    );
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Draft');

    // Canceling ends it for good, so it asks once more.
    await page.getByRole('button', { name: 'Cancel campaign' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Draft');
    await page.getByRole('button', { name: 'Cancel campaign' }).click();
    await shot(page, 'confirm-cancel');
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect
      .poll(() => page.getByTestId('campaign-status').textContent(), SOON)
      .toBe('Canceled');
    expect(await page.getByRole('button', { name: 'Start' }).count()).toBe(0);
    await context.close();
  });
});
