// Opened from LINE's message (started by app/deep-links.ts as soon as LIFF is ready): the call and,
// when the tap was Accept (?autoAccept=1), the answer, asked at once while the page's code
// downloads; once accepted, the LiveKit token (a callee's grant depends on having accepted). The
// page's own first requests get these answers. A preloaded accept the page does not claim is
// still the answer the tap meant; the server refuses it when the call cannot be accepted.
import { isInCall, openedToAnswer } from '../../../lib/calls/call-view';
import { getRoomToken } from '../../../lib/livekit/get-room-token';
import { actOnCall } from './act-on-call';
import { getCall } from './get-call';

/** Its failure is for the page, which claims the same answer: not an unhandled rejection here. */
const forThePage = () => {};

export function preloadCall({ id }: { id: string }): void {
  getCall(id, { preload: true }).catch(forThePage);
  if (!openedToAnswer()) return;
  actOnCall(id, 'accept', { preload: true }).then(
    (call) => {
      if (isInCall(call.status)) getRoomToken(call.room, { preload: true }).catch(forThePage);
    },
    () => {}, // Not the callee, or no longer ringing: the page shows the call as it is.
  );
}
