// A 1:1 call as the API shows it to one of its parties (its shape is the contract's), and the
// in-app links to it. Shared by the call screen and the history.
import { IN_CALL_STATES, RINGING_STATES, type CallStatus } from '../../../api/_lib/contract';
export type { CallMedia, CallParty, CallStatus, CallView } from '../../../api/_lib/contract';

const ringing: readonly CallStatus[] = RINGING_STATES;
const inCall: readonly CallStatus[] = IN_CALL_STATES;

export function isRinging(status: CallStatus): boolean {
  return ringing.includes(status);
}

export function isInCall(status: CallStatus): boolean {
  return inCall.includes(status);
}

export function isLive(status: CallStatus): boolean {
  return isRinging(status) || isInCall(status);
}

export function callPath(id: string): string {
  return `/call/${encodeURIComponent(id)}`;
}

/** A contact id's shape: anything else in a link is ignored. */
export { CONTACT_ID } from '../../../api/_lib/contract';

/** Opens the call sheet for the person with this contact id (invite and call-back links). */
export function callBackPath(contactId: string): string {
  return `/history?callBack=${encodeURIComponent(contactId)}`;
}

/**
 * The LINE message's Accept button opens `/call/<id>?autoAccept=1`: the tap is the answer. Any
 * other way in (the Calls list, a reload) shows Accept and Decline.
 */
export function openedToAnswer(): boolean {
  return new URLSearchParams(location.search).get('autoAccept') === '1';
}

/** Once read, `?autoAccept=1` leaves the address: a reload or a shared link asks again. */
export function forgetOpenedToAnswer(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('autoAccept')) return;
  url.searchParams.delete('autoAccept');
  // Not the router's navigate: nothing renders from this parameter, and this module stays free
  // of the entry's code.
  history.replaceState(history.state, '', url);
}

/** 2:31, or 1:02:05 past an hour. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
