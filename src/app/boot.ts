// Starting the app: LIFF signs in and the user's language is picked; once its strings are in, the
// first screen is drawn in it. Started by main.tsx before React renders anything: the boot gate
// waits for all of it, a deep link's requests (deep-links.ts) only for the sign-in.
import { initLocale } from '../lib/i18n/locale-store';
import { initLiff, type LiffSession } from '../lib/liff';

let signingIn: Promise<LiffSession> | null = null;
let strings: Promise<void> = Promise.resolve();

/** LIFF signed in and the user's language picked (its strings may still be loading). */
export function signIn(): Promise<LiffSession> {
  signingIn ??= initLiff().then((session) => {
    strings = initLocale(session.language);
    return session;
  });
  return signingIn;
}

/** Signed in, with the strings of the user's language loaded. */
export async function boot(): Promise<LiffSession> {
  const session = await signIn();
  await strings;
  return session;
}
