import { defineConfig } from 'vitest/config';
import browser from './vitest.browser.config';

// The real-media browser tests (a real livekit-server, several Chromium contexts): run by
// `npm run test:real-media` inside a loopback-only network namespace (tests/support/offline.sh).
export default defineConfig({
  test: { ...browser.test, include: ['tests/browser/real-media/**/*.test.ts'], exclude: [] },
});
