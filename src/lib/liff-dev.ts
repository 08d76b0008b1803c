// Dev mode (no VITE_LIFF_ID): sign in as a dev user of the dev server's LINE stand-in.
// Loaded with import() from liff.ts, so it is its own chunk and never part of a production build.
//
// How @line/liff-mock meets the pluggable SDK (read from its dist/plugin.js and api/init.js):
// - LiffMockPlugin.install() calls liff.isInClient() and wraps liff.init. The core object has no
//   isInClient, so IsInClientModule must be installed before the plugin (liff.ts does that).
// - init({ mock: true }) skips the real init and assigns every mocked API straight onto the core
//   object (getIDToken, getDecodedIDToken, login, shareTargetPicker, …), overwriting the modules
//   liff.ts installed. The core object is a plain object with writable properties, so this works
//   with @line/liff/core and the full bundle alike; no other arrangement is needed.
// - $mock.set() replaces the whole data set, so it is always called with the updater form.
// The ID token is real: an ES256 token signed by the stand-in, verified by the API like LINE's.
import type { Liff } from '@line/liff/core';
import { LiffMockPlugin, type ExtendedInit, type LiffMockApi } from '@line/liff-mock';
import type { DevUser } from './liff';

const STORAGE_KEY = 'liff-calls.dev-user';
/** Each tab holds the Web Lock of its dev user while open, so a new tab can see who is taken. */
const LOCK_PREFIX = 'liff-calls.dev-user:';

export interface DevSignIn {
  current: DevUser;
  users: DevUser[];
  /** `?devUser=` named no dev user: what it said (the tab signed in as `current` instead). */
  unknown: string | null;
}

/** Renews the signed-in dev user's ID token (liff-id-token.ts calls it before it expires). */
let renew: (() => Promise<void>) | null = null;

export async function signInDevUser(liff: Liff): Promise<DevSignIn> {
  const users = await fetchDevUsers();
  const { current, unknown } = await pickDevUser(users);
  holdDevUser(current);
  const idToken = await fetchDevIdToken(current.userId);

  // Typed against the full SDK; at runtime it only needs isInClient from the core (see above).
  liff.use(new LiffMockPlugin() as unknown as Parameters<Liff['use']>[0]);
  await (liff.init as ExtendedInit)({ liffId: 'dev', mock: true });
  const mock = (liff as unknown as { $mock: LiffMockApi }).$mock;
  const setToken = (token: string) =>
    mock.set((data) => ({
      ...data,
      getIDToken: token,
      getDecodedIDToken: decodeJwtPayload(token),
    }));
  mock.set((data) => ({
    ...data,
    getAppLanguage: current.language,
    getLanguage: current.language,
    getProfile: {
      userId: current.userId,
      displayName: current.displayName,
      pictureUrl: current.pictureUrl,
    },
    isApiAvailable: false,
  }));
  setToken(idToken);
  if (!liff.isLoggedIn()) {
    liff.login();
    mock.set((data) => ({ ...data, isLoggedIn: true }));
  }

  renew = async () => setToken(await fetchDevIdToken(current.userId));
  return { current, users, unknown };
}

/** A new ID token from the LINE stand-in, for the dev user signed in. */
export async function renewDevIdToken(): Promise<void> {
  if (!renew) throw new Error('No dev user is signed in');
  await renew();
}

/** Reloads this tab as another dev user; other tabs keep theirs (sessionStorage is per tab). */
export function switchDevUser(userId: string): void {
  sessionStorage.setItem(STORAGE_KEY, userId);
  const url = new URL(location.href);
  url.searchParams.delete('devUser');
  location.replace(url);
}

/**
 * `?devUser=bob`, else the user this tab had (a reload), else the first dev user no other open
 * tab is signed in as (so a second window is someone else), else the first. The choice is kept
 * for the tab.
 */
async function pickDevUser(
  users: DevUser[],
): Promise<{ current: DevUser; unknown: string | null }> {
  const first = users[0];
  if (!first) throw new Error('The LINE stand-in has no dev users');
  const asked = new URL(location.href).searchParams.get('devUser');
  const wanted = asked?.toLowerCase();
  const byQuery = wanted
    ? users.find((u) => u.displayName.toLowerCase() === wanted || u.userId.toLowerCase() === wanted)
    : undefined;
  const stored = users.find((u) => u.userId === sessionStorage.getItem(STORAGE_KEY));
  const current = byQuery ?? stored ?? (await firstFreeUser(users)) ?? first;
  sessionStorage.setItem(STORAGE_KEY, current.userId);
  return { current, unknown: asked && !byQuery ? asked : null };
}

async function firstFreeUser(users: DevUser[]): Promise<DevUser | undefined> {
  if (!navigator.locks) return undefined;
  const { held = [] } = await navigator.locks.query();
  const taken = new Set(held.map((lock) => lock.name));
  return users.find((user) => !taken.has(LOCK_PREFIX + user.userId));
}

/** Held until the tab closes or navigates away (the callback's promise never settles). */
function holdDevUser(user: DevUser): void {
  void navigator.locks?.request(LOCK_PREFIX + user.userId, () => new Promise<never>(() => {}));
}

/** The LINE stand-in's dev users, each with the contact id the app knows them by. */
async function fetchDevUsers(): Promise<DevUser[]> {
  const [{ users }, { contacts }] = await Promise.all([
    devFetch<{ users: Omit<DevUser, 'contactId'>[] }>('/__dev/line/users'),
    devFetch<{ contacts: { userId: string; contactId: string }[] }>('/__dev/contacts'),
  ]);
  const contactIds = new Map(contacts.map((contact) => [contact.userId, contact.contactId]));
  return users.map((user) => {
    const contactId = contactIds.get(user.userId);
    if (!contactId) throw new Error(`The dev server has no contact id for ${user.displayName}`);
    return { ...user, contactId };
  });
}

async function fetchDevIdToken(userId: string): Promise<string> {
  const body = await devFetch<{ idToken: string }>('/__dev/line/id-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return body.idToken;
}

async function devFetch<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new Error(
      `The dev LINE stand-in is not reachable (${path}). Start the app with npm run dev.`,
    );
  }
  // Vite alone answers every path with index.html, so check that JSON came back.
  if (!response.ok || !response.headers.get('content-type')?.includes('json')) {
    throw new Error(
      `The dev LINE stand-in did not answer ${path} (HTTP ${response.status}). Start the app with npm run dev.`,
    );
  }
  return (await response.json()) as T;
}

function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
