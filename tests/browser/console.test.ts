/**
 * The campaign console at a desk (1280×800), as Alice (an admin through OPERATOR_ADMINS) and Bob
 * (no operator). The first tests go through the real console API: sign-in, the campaign list, the
 * form and its 400s, a CSV upload with its report and rejected rows, the actions and a 409.
 *
 * The monitor, listen-in, results, lead detail, export and analytics endpoints are being built
 * beside this page, so the tests after that are UI TESTS AGAINST THE CONTRACT
 * (api/_lib/console-contract.ts): those routes are answered in the browser with `page.route`,
 * shapes typed by the contract, while the campaign itself is real. Screenshots go to
 * test-results/console-*.
 */
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type {
  AgentCallAnalytics,
  CallStats,
  CampaignMonitor,
  CampaignResults,
  Lead,
  LeadDetail,
} from '../../api/_lib/console-contract';
import { canRunBrowserTests, RESULTS } from '../support/browser-world';
import { apiAs } from '../support/call-pages';
import { useBrowserWorld } from '../support/use-browser-world';

const DESK = { width: 1280, height: 800 };
const SOON = { timeout: 10_000 };

const CSV = [
  'phone,customer_name,invoice_number,amount_due',
  '090-1234-5678,Sato Hanako,INV-1,5000',
  '080-2345-6789,Suzuki Ichiro,INV-2,12000',
  'not a number,Nobody,INV-3,1',
].join('\n');

describe.skipIf(!canRunBrowserTests)('the campaign console', () => {
  const world = useBrowserWorld({ testing: true });

  /** A desk browser as `user`; `routes` answers endpoints in the page before it loads. */
  const desk = async (user: string, path = '/console', routes?: (page: Page) => Promise<void>) => {
    const context = await world.browser.newContext({
      viewport: DESK,
      locale: 'en-US',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await routes?.(page);
    await page.goto(`${world.server.url}${path}?devUser=${user}`);
    return { context, page };
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(RESULTS, `console-${name}.png`), fullPage: true });
  const createCampaign = async (name: string) => {
    const response = await apiAs(world.server.url, world.user('Alice'), '/api/console/campaigns', {
      name,
      script: 'reminder',
      language: 'ja',
      defaultCountry: 'JP',
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { campaign: { id: string } }).campaign.id;
  };

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

  // ── UI tests against the contract: these endpoints are answered by page.route ──────────────

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

function json(route: Route, body: unknown, headers: Record<string, string> = {}, status = 200) {
  return route.fulfill({
    status,
    contentType: 'application/json',
    headers,
    body: JSON.stringify(body),
  });
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

function monitor(id: string): CampaignMonitor {
  return {
    campaign: { id, name: 'Live monitor', status: 'running', concurrency: 5 },
    leads: {
      pending: 40,
      dialing: 1,
      in_call: 1,
      retry_scheduled: 3,
      done: 12,
      failed: 1,
      skipped: 2,
    },
    outcomes: {
      no_answer: 4,
      busy: 1,
      failed: 1,
      confirmed: 6,
      declined: 2,
      call_back_later: 1,
      no_response: 0,
      completed: 0,
    },
    liveCalls: [
      {
        sid: 'sid-sato',
        leadId: 1,
        attempt: 1,
        callee: { phone: '+819012345678', lineUserId: null, name: 'Sato Hanako' },
        status: 'answered',
        startedAt: ago(95),
        answeredAt: ago(80),
        transcript: [
          { speaker: 'agent', text: 'Hello, this is a reminder about invoice INV-1.', at: ago(70) },
          { speaker: 'callee', text: 'Yes, I will pay on Friday.', at: ago(60) },
        ],
        takenOverBy: null,
      },
      {
        sid: 'sid-suzuki',
        leadId: 2,
        attempt: 2,
        callee: { phone: '+818023456789', lineUserId: null, name: null },
        status: 'ringing',
        startedAt: ago(12),
        answeredAt: null,
        transcript: [],
        takenOverBy: null,
      },
    ],
    at: new Date().toISOString(),
  };
}

function stats(): CallStats {
  return {
    calls: 50,
    answered: 30,
    answerRate: 0.6,
    averageDurationSeconds: 74,
    minutesDialed: 81.5,
    outcomes: { confirmed: 14, declined: 6, call_back_later: 5, no_response: 3, completed: 2 },
    byHour: Array.from({ length: 24 }, (_, hour) => {
      const calls = hour >= 9 && hour < 20 ? 4 + (hour % 3) : 0;
      return { hour, calls, answered: Math.round(calls * (0.4 + (hour % 4) / 10)) };
    }),
    byAttempt: [
      { attempt: 1, calls: 30, answered: 19 },
      { attempt: 2, calls: 14, answered: 8 },
      { attempt: 3, calls: 6, answered: 3 },
    ],
    timeZone: 'Asia/Tokyo',
  };
}

function results(id: string): CampaignResults {
  return {
    campaign: { id, name: 'Results', status: 'completed' },
    leads: {
      pending: 0,
      dialing: 0,
      in_call: 0,
      retry_scheduled: 0,
      done: 38,
      failed: 4,
      skipped: 2,
    },
    leadOutcomes: {
      no_answer: 8,
      busy: 2,
      failed: 4,
      confirmed: 14,
      declined: 6,
      call_back_later: 5,
      no_response: 3,
      completed: 2,
    },
    stats: stats(),
  };
}

function lead(id: number, name: string, status: Lead['status']): Lead {
  return {
    id,
    phone: `+8190000000${id}`,
    lineUserId: null,
    fields: { customer_name: name },
    timeZone: 'Asia/Tokyo',
    status,
    skipReason: null,
    outcome: status === 'done' ? 'confirmed' : null,
    attempts: 2,
    sourceRow: id + 1,
  };
}

function leadDetail(): LeadDetail {
  return {
    lead: lead(1, 'Sato Hanako', 'done'),
    attempts: [
      {
        sid: 'a1',
        attempt: 1,
        status: 'missed',
        outcome: null,
        failureReason: null,
        startedAt: ago(7200),
        answeredAt: null,
        endedAt: ago(7140),
        durationSeconds: null,
        transcript: [],
      },
      {
        sid: 'a2',
        attempt: 2,
        status: 'ended',
        outcome: 'confirmed',
        failureReason: null,
        startedAt: ago(3600),
        answeredAt: ago(3590),
        endedAt: ago(3500),
        durationSeconds: 90,
        transcript: [
          {
            speaker: 'agent',
            text: 'Hello, this is a reminder about invoice INV-1.',
            at: ago(3580),
          },
          { speaker: 'callee', text: 'Yes, I will pay on Friday.', at: ago(3570) },
        ],
      },
    ],
  };
}
