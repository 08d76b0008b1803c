/**
 * What the first-day browser tests drive the app with: the app's address as a dev user (or as
 * whoever a new tab gets), phones of any size, screenshots named by viewport, and the API from
 * node as a dev user.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PHONE, RESULTS, type BrowserWorld } from './browser-world';
import { apiAs } from './call-pages';

export const SMALL_PHONE = { width: 320, height: 568 };
/** A page loads and reads the API on a busy machine. */
export const SOON = { timeout: 10_000 };

export function firstDayPages(world: BrowserWorld) {
  const user = (name: string) => world.user(name);
  const api = (name: string, path: string, body?: unknown, headers = {}) =>
    apiAs(world.server.url, user(name), path, body, headers);
  return {
    user,
    /** `name` as ?devUser= is passed as it is: an unknown one is what some tests try. */
    appUrl: (path: string, name?: string) =>
      name
        ? `${world.server.url}${path}${path.includes('?') ? '&' : '?'}devUser=${name}`
        : world.server.url + path,
    shot: (page: Page, name: string) => {
      const { width, height } = page.viewportSize()!;
      return page.screenshot({ path: join(RESULTS, `first-day-${name}-${width}x${height}.png`) });
    },
    phone: (viewport = PHONE, options: { permissions?: string[] } = {}) =>
      world.phone({ viewport, ...options }),
    api,
    startCall: (from: string, to: string) =>
      api(
        from,
        '/api/calls',
        { calleeContactId: user(to).contactId, media: 'audio' },
        { 'idempotency-key': crypto.randomUUID() },
      ),
  };
}
