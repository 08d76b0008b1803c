/**
 * Changing a campaign's settings from the console at a desk (1280×800), as Alice, through the real
 * console API: the form the new campaign uses, filled with the campaign's settings, sends only
 * what changed; only a draft or paused campaign offers it; the server's 400 and 409 are shown
 * beside Save with the operator's values kept. Screenshots go to test-results/console-settings-*.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Campaign } from '../../api/_lib/console-contract';
import { canRunBrowserTests } from '../support/browser-world';
import { apiAs } from '../support/call-pages';
import { consoleDesk } from '../support/console-desk';
import { useBrowserWorld } from '../support/use-browser-world';

const SOON = { timeout: 10_000 };

const CSV = [
  'phone,customer_name',
  '090-1234-5678,Sato Hanako',
  '080-2345-6789,Suzuki Ichiro',
].join('\n');

describe.skipIf(!canRunBrowserTests)('changing a campaign’s settings in the console', () => {
  const world = useBrowserWorld({ testing: true });
  const { desk, shot, createCampaign } = consoleDesk(world);

  const readBack = async (id: string) => {
    const response = await apiAs(
      world.server.url,
      world.user('Alice'),
      `/api/console/campaigns/${id}`,
    );
    return ((await response.json()) as { campaign: Campaign }).campaign;
  };
  const settingsLine = (page: Page) => page.getByTestId('campaign-settings').textContent();
  const settingsForm = (page: Page) => page.getByRole('form', { name: 'Campaign settings' });
  const patches = (page: Page) => {
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') sent.push(request.postDataJSON());
    });
    return sent;
  };

  test('an operator moves a draft’s calling window and pace; only those are sent', async () => {
    const id = await createCampaign('Window and pace');
    const { context, page } = await desk('alice', `/console/campaigns/${id}`);
    const sent = patches(page);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    const form = settingsForm(page);
    expect(await form.getByLabel('Name').inputValue()).toBe('Window and pace');
    expect(await form.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(await form.getByLabel('Calls per minute').inputValue()).toBe('10');
    // The form stands in for the actions, so Save and Cancel are the only buttons in reach.
    expect(await page.getByRole('button', { name: 'Start' }).count()).toBe(0);

    // Cancel leaves the campaign as it was, and the next edit starts from it again.
    await form.getByLabel('Name').fill('Renamed by mistake');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await settingsLine(page)).toContain('9:00–20:00');
    await page.getByRole('button', { name: 'Edit settings' }).click();
    expect(await form.getByLabel('Name').inputValue()).toBe('Window and pace');

    await form.getByLabel('Calling from (hour)').fill('10');
    await form.getByLabel('Calling until (hour)').fill('18');
    await form.getByRole('checkbox', { name: 'Sat' }).check();
    await form.getByLabel('Calls per minute').fill('30');
    await shot(page, 'settings-form');
    await form.getByRole('button', { name: 'Save settings' }).click();

    await expect
      .poll(() => settingsLine(page), SOON)
      .toContain('10:00–18:00 Mon Tue Wed Thu Fri Sat');
    expect(await settingsLine(page)).toContain('30/min');
    expect(await form.count()).toBe(0);
    expect(sent).toEqual([
      { window: { startHour: 10, endHour: 18, days: [1, 2, 3, 4, 5, 6] }, pacePerMinute: 30 },
    ]);
    const saved = await readBack(id);
    expect(saved.window).toEqual({ startHour: 10, endHour: 18, days: [1, 2, 3, 4, 5, 6] });
    expect(saved.pacePerMinute).toBe(30);
    expect(saved.name).toBe('Window and pace');
    await shot(page, 'settings-saved');
    await context.close();
  });

  test('a running campaign offers no edit until it is paused', async () => {
    const id = await createCampaign('Pause first');
    const { context, page } = await desk('alice', `/console/campaigns/${id}`);
    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.getByTestId('import-report').waitFor(SOON);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Pause to change its settings.').waitFor(SOON);
    expect(await page.getByRole('button', { name: 'Edit settings' }).count()).toBe(0);
    await shot(page, 'settings-running');

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await settingsForm(page).getByLabel('Calls at once').fill('2');
    await settingsForm(page).getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => settingsLine(page), SOON).toContain('2 at once');
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Paused');
    expect((await readBack(id)).concurrency).toBe(2);
    await context.close();
  });

  test('a change the server refuses is shown beside Save, and the edits stay', async () => {
    const id = await createCampaign('Refused');
    const { context, page } = await desk('alice', `/console/campaigns/${id}`);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    const form = settingsForm(page);
    const error = form.getByTestId('campaign-form-error');

    // The browser lets both hours through; only together are they wrong, which the server says.
    await form.getByLabel('Calling from (hour)').fill('18');
    await form.getByLabel('Calling until (hour)').fill('9');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await error.waitFor(SOON);
    expect(await error.textContent()).toBe('window: startHour must be before endHour');
    expect(await form.getByLabel('Calling from (hour)').inputValue()).toBe('18');
    expect(await form.getByLabel('Calling until (hour)').inputValue()).toBe('9');
    await shot(page, 'settings-refused');

    // Canceled meanwhile by another operator: the 409 says so, and the edits are still there.
    const canceled = await apiAs(
      world.server.url,
      world.user('Alice'),
      `/api/console/campaigns/${id}/actions`,
      { action: 'cancel' },
    );
    expect(canceled.status).toBe(200);
    await form.getByLabel('Calling until (hour)').fill('22');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => error.textContent(), SOON)
      .toBe('Settings can change while the campaign is a draft or paused; it is canceled.');
    expect(await form.getByLabel('Calling from (hour)').inputValue()).toBe('18');
    expect(await form.getByLabel('Calling until (hour)').inputValue()).toBe('22');
    expect((await readBack(id)).window).toMatchObject({ startHour: 9, endHour: 20 });
    await context.close();
  });
});
