/**
 * What every browser test starts from: the dev server on a free port with its data in a fresh
 * temp folder, headless Chromium, the dev users, and phones as browser contexts. A test file
 * gets it through useBrowserWorld. Without Chromium the tests skip with a message, except in CI,
 * where a missing browser is an error.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { CHROMIUM, hasChromium, launchChromium } from '../../dev/chromium';
import { startDevServer, type DevServer, type DevServerOptions } from '../../dev/server';

export const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
export const PHONE = { width: 375, height: 667 };

export const canRunBrowserTests = hasChromium();
if (!canRunBrowserTests) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  console.warn(`Skipping browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).`);
}

export interface DevUser {
  userId: string;
  /** How the app names them to the others (the dev server's /__dev/contacts). */
  contactId: string;
  displayName: string;
}

export interface BrowserWorld {
  server: DevServer;
  browser: Browser;
  users: DevUser[];
  /** The dev user with this display name (Alice, Bob, Carol). */
  user(name: string): DevUser;
  /** A phone of this world's browser, at 2x so that screenshots look as they do on one. */
  phone(options?: PhoneOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

type PhoneOptions = Pick<BrowserContextOptions, 'viewport' | 'permissions' | 'deviceScaleFactor'>;

/** A phone as a browser context: small touch screen, English, camera and microphone allowed. */
export const phone = (browser: Browser, options: PhoneOptions = {}): Promise<BrowserContext> =>
  browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    permissions: ['camera', 'microphone'],
    ...options,
  });

/**
 * `livekit` defaults to the stand-in (these tests check what the pages do without media); the
 * real-media suite asks for 'real' and passes the Chromium flags loopback media needs.
 */
export async function startBrowserWorld(
  options: Pick<
    DevServerOptions,
    'testing' | 'livekit' | 'livekitWebhookUrl' | 'agentWorker' | 'agentWorkerAppUrl'
  > & {
    chromiumArgs?: string[];
  } = {},
): Promise<BrowserWorld> {
  const { chromiumArgs, livekit = 'stand-in', ...rest } = options;
  const dataDir = await mkdtemp(join(tmpdir(), 'liff-calls-browser-'));
  const server = await startDevServer({ port: 0, dataDir, quiet: true, livekit, ...rest });
  await mkdir(RESULTS, { recursive: true });
  const browser = await launchChromium(chromiumArgs);
  const [{ users: lineUsers }, { contacts }] = (await Promise.all(
    ['/__dev/line/users', '/__dev/contacts'].map(async (path) =>
      (await fetch(`${server.url}${path}`)).json(),
    ),
  )) as [{ users: Omit<DevUser, 'contactId'>[] }, { contacts: DevUser[] }];
  const users = lineUsers.map((user) => ({
    ...user,
    contactId: contacts.find((contact) => contact.userId === user.userId)!.contactId,
  }));
  return {
    server,
    browser,
    users,
    user(name) {
      const found = users.find((user) => user.displayName === name);
      if (!found) throw new Error(`No dev user ${name}`);
      return found;
    },
    phone: (options) => phone(browser, { deviceScaleFactor: 2, ...options }),
    async close() {
      await browser.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
