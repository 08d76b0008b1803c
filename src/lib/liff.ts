// The LIFF session: the pluggable SDK with only the modules the first screen needs, initialised
// once (the share picker, open-window and close-window modules are added by the lazy chunks that
// use them: liff-share.ts, liff-open-window.ts, liff-close-window.ts).
// With VITE_LIFF_ID this is real LIFF; without it, a dev module (its own lazy chunk, never
// loaded in production builds) puts @line/liff-mock in front and signs in as a dev user.
import liff from '@line/liff/core';
import GetAppLanguageModule from '@line/liff/get-app-language';
import GetDecodedIDTokenModule from '@line/liff/get-decoded-id-token';
import GetIDTokenModule from '@line/liff/get-id-token';
import IsApiAvailableModule from '@line/liff/is-api-available';
import IsInClientModule from '@line/liff/is-in-client';
import IsLoggedInModule from '@line/liff/is-logged-in';
import LoginModule from '@line/liff/login';

// IsInClient first: LiffMockPlugin calls liff.isInClient() when it is installed.
liff.use(new IsInClientModule());
liff.use(new IsLoggedInModule());
liff.use(new LoginModule());
liff.use(new GetIDTokenModule());
liff.use(new GetDecodedIDTokenModule());
liff.use(new GetAppLanguageModule());
liff.use(new IsApiAvailableModule());

export interface LineProfile {
  userId: string;
  name: string;
  pictureUrl: string | null;
}

export interface DevUser {
  userId: string;
  /** How the app names them to other users (the dev server's /__dev/contacts). */
  contactId: string;
  displayName: string;
  pictureUrl: string;
  language: string;
}

export interface LiffSession {
  profile: LineProfile;
  /** LINE's app language (or the browser's outside LINE), e.g. "ja" or "zh-TW". */
  language: string;
  /** null in dev mode, where invite links fall back to this page's address. */
  liffId: string | null;
  dev: { current: DevUser; users: DevUser[]; unknown: string | null } | null;
}

/** Thrown when init or login fails; `redirecting` means LIFF is navigating to LINE Login. */
export class LiffBootError extends Error {
  constructor(
    message: string,
    readonly redirecting = false,
  ) {
    super(message);
  }
}

const liffId: string | undefined = import.meta.env.VITE_LIFF_ID || undefined;
let booting: Promise<LiffSession> | null = null;

/** Initialise once per page load (StrictMode mounts twice; LIFF must not init twice). */
export function initLiff(): Promise<LiffSession> {
  booting ??= liffId ? initRealLiff(liffId) : initDevLiff();
  return booting;
}

async function initRealLiff(id: string): Promise<LiffSession> {
  // Restores the deep-link path carried in liff.state, so read the location only afterwards.
  await liff.init({ liffId: id });
  if (!liff.isLoggedIn()) {
    liff.login({ redirectUri: location.href });
    throw new LiffBootError('Redirecting to LINE Login', true);
  }
  return { profile: readProfile(), language: liff.getAppLanguage(), liffId: id, dev: null };
}

async function initDevLiff(): Promise<LiffSession> {
  const dev = await import('./liff-dev');
  const { current, users, unknown } = await dev.signInDevUser(liff);
  return {
    profile: readProfile(),
    language: current.language,
    liffId: null,
    dev: { current, users, unknown },
  };
}

function readProfile(): LineProfile {
  const claims = liff.getDecodedIDToken();
  if (!claims?.sub)
    throw new LiffBootError('LINE did not return an ID token (is openid in scope?)');
  return {
    userId: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    pictureUrl: typeof claims.picture === 'string' ? claims.picture : null,
  };
}

/** The link that opens a path of this app inside LINE (outside LIFF, on this origin). */
export function appLink(path: string, session: LiffSession): string {
  return session.liffId
    ? `https://liff.line.me/${session.liffId}${path}`
    : new URL(path, location.origin).href;
}
