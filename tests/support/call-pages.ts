/**
 * Driving 1:1 call pages in the browser tests: starting a call from People, the call page's state,
 * and reading the call as the API and the database have it.
 */
import pg from 'pg';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DevUser } from './browser-world';

export interface CallView {
  id: string;
  status: string;
  role: string;
  media: string;
  durationSeconds?: number | null;
}

export const appUrl = (origin: string, path: string, user: DevUser) =>
  `${origin}${path}${path.includes('?') ? '&' : '?'}devUser=${user.displayName.toLowerCase()}`;

export const inboxUrl = (origin: string, user: DevUser) =>
  `${origin}/__dev/line/inbox?user=${user.userId}`;

export const statusOf = (page: Page) => page.getByTestId('call-page').getAttribute('data-status');
export const mediaOf = (page: Page) => page.getByTestId('call-page').getAttribute('data-media');

/**
 * On the history page: tap the person (People, or in dev before any call the other dev users),
 * then Video or Voice in the sheet.
 */
export async function startCallFromPeople(
  page: Page,
  name: string,
  media: 'video' | 'voice',
): Promise<CallView> {
  const people = page.locator('[data-testid=people], [data-testid=other-people]');
  await people.getByRole('button', { name }).first().click();
  const sheet = page.getByTestId('call-sheet');
  await sheet.waitFor();
  const started = page.waitForResponse(
    (r) => r.url().endsWith('/api/calls') && r.request().method() === 'POST',
  );
  await sheet.getByTestId(`start-${media}-call`).click();
  const response = await started;
  expect(response.status()).toBe(201);
  const { call } = (await response.json()) as { call: CallView };
  await page.waitForURL(`**/call/${call.id}`);
  return call;
}

/** Rows of the dev server's database (the env var it set), for assertions. */
export function callDatabase(): pg.Pool {
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
}
