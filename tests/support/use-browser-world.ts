/**
 * The browser world of one describe block, started before its first test and closed after its
 * last:
 *
 *   describe.skipIf(!canRunBrowserTests)('…', () => {
 *     const world = useBrowserWorld({ testing: true });
 *
 * `world` is filled in by the block's first `beforeAll`, so tests and later hooks use it as it is
 * (`world.server.url`, `world.user('Alice')`, `world.phone()`).
 */
import { afterAll, beforeAll } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser-world';
import { REAL_MEDIA_CHROMIUM_ARGS } from './real-media';

export function useBrowserWorld(
  options: Parameters<typeof startBrowserWorld>[0] = {},
): BrowserWorld {
  const world = {} as BrowserWorld;
  beforeAll(async () => {
    Object.assign(world, await startBrowserWorld(options));
  });
  afterAll(() => world.close?.());
  return world;
}

/** A browser world on a real livekit-server, its Chromium allowed loopback media (real-media.ts). */
export function useRealMediaWorld(
  options: Omit<
    NonNullable<Parameters<typeof startBrowserWorld>[0]>,
    'livekit' | 'chromiumArgs'
  > = {},
): BrowserWorld {
  return useBrowserWorld({ livekit: 'real', chromiumArgs: REAL_MEDIA_CHROMIUM_ARGS, ...options });
}
