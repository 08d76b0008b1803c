// The LIFF ID token for `Authorization: Bearer`. Only the API client imports this, so it is not
// part of the first load (Setup makes no API calls).
import liff from '@line/liff/core';

/** The ID token, renewed when it is about to expire. */
export async function getIdToken(): Promise<string> {
  const exp = liff.getDecodedIDToken()?.exp;
  if (exp !== undefined && exp * 1000 < Date.now() + 30_000) {
    if (!import.meta.env.VITE_LIFF_ID) {
      // Dev mode: the LINE stand-in signs a new one (liff-dev.ts is loaded already).
      await (await import('./liff-dev')).renewDevIdToken();
    } else {
      // LINE issues a new ID token only at init (inside LINE) or through login (outside), so
      // come back to this same page either way.
      if (liff.isInClient()) location.reload();
      else liff.login({ redirectUri: location.href });
      throw new Error('The LINE sign-in expired; signing in again');
    }
  }
  const token = liff.getIDToken();
  if (!token) throw new Error('No ID token');
  return token;
}
