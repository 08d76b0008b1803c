/**
 * A desk browser for the console tests (1280×800, English, downloads allowed) in a browser world,
 * with a screenshot helper and a campaign created through the real API as Alice.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { RESULTS } from './browser-world';
import { apiAs } from './call-pages';
import type { useBrowserWorld } from './use-browser-world';

const DESK = { width: 1280, height: 800 };

export function consoleDesk(world: ReturnType<typeof useBrowserWorld>) {
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
  return { desk, shot, createCampaign };
}
