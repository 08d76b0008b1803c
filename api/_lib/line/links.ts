import { getConfig } from '../config.js';

/**
 * A link into the app from a LINE message: through LIFF when a LIFF id is set (LINE opens it in
 * the in-app browser and restores the path via liff.state), else straight to the app's origin.
 */
export function appLink(path: string): string {
  const { line, publicBaseUrl } = getConfig();
  return line.liffId ? `https://liff.line.me/${line.liffId}${path}` : `${publicBaseUrl}${path}`;
}

/**
 * "Call back" in a LINE message: opens the call sheet for the person named by `contactId` (their
 * contact id, never their LINE id: the message reaches the other party of the call).
 */
export function callBackLink(contactId: string): string {
  return appLink(`/history?callBack=${encodeURIComponent(contactId)}`);
}
