// Opened from LINE's message (started by app/deep-links.ts as soon as LIFF is ready): the call and,
// when the tap was Accept (?autoAccept=1), the LiveKit token to join its room, asked at once while
// the page's code downloads. The page's own first requests get these answers.
import { agentCallRoom } from '../../../lib/agent-calls/agent-call-view';
import { openedToAnswer } from '../../../lib/calls/call-view';
import { getRoomToken } from '../../../lib/livekit/get-room-token';
import { getAgentCall } from './get-agent-call';

/** Its failure is for the page, which claims the same answer: not an unhandled rejection here. */
const forThePage = () => {};

export function preloadAgentCall({ sid }: { sid: string }): void {
  getAgentCall(sid, { preload: true }).catch(forThePage);
  if (openedToAnswer()) getRoomToken(agentCallRoom(sid), { preload: true }).catch(forThePage);
}
