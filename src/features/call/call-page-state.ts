// Which screen a 1:1 call shows: the call as the server last said, and what happened on this
// screen that the server may not have answered yet. Pure (tests/unit/call-page-state.test.ts).
//
//   ringing ──Accept, or opened from LINE's Accept──► answering ──accepted──► in-call
//      │            ◄──the accept failed── ┘                                 │
//      └──declined, canceled, missed──► over ◄──────────ended────────────────┤
//                                        lost ◄──the other party dropped: I hung up
import { isInCall, isLive, type CallView } from '../../lib/calls/call-view';
import type { ConnectionMode } from '../../lib/livekit/use-call-room';
import type { CallAction } from './api/act-on-call';

export type CallPageState = 'ringing' | 'answering' | 'in-call' | 'over' | 'lost';

/** What happened here. */
export interface CallScreenFacts {
  /** Opened from the LINE message's Accept button (a callee's ringing call): the tap answered. */
  answeredOnOpen: boolean;
  /** The other party dropped out of the room and did not come back, so this side hung up. */
  otherLost: boolean;
  pending: CallAction | null;
  actionError: unknown;
}

export function callPageState(
  call: Pick<CallView, 'status'>,
  here: CallScreenFacts,
): CallPageState {
  if (!isLive(call.status)) return here.otherLost ? 'lost' : 'over';
  if (isInCall(call.status)) return 'in-call';
  // The accept sent on opening stands until it fails.
  const answering = here.pending === 'accept' || (here.answeredOnOpen && !here.actionError);
  return answering ? 'answering' : 'ringing';
}

/**
 * Which token the room needs (see use-call-room.ts): while it rings, the caller is in the room
 * and the callee listens (to learn at once of a cancel); while the accept is on its way, no room,
 * so the callee joins once, with the token the accept grants.
 */
export function callConnectionMode(page: CallPageState, role: CallView['role']): ConnectionMode {
  switch (page) {
    case 'ringing':
      return role === 'caller' ? 'full' : 'listen';
    case 'in-call':
      return 'full';
    case 'answering':
    case 'over':
    case 'lost':
      return 'none';
  }
}
