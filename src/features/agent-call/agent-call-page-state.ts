// Which screen an agent call shows: the call as the server last said, and what its callee did on
// this screen that the server may not have heard of yet. Joining the room is the answer (the
// server sees the callee join); an answered call reopened here joins again. Pure
// (tests/unit/agent-call-page-state.test.ts).
//
//   ringing ──Accept, or opened from LINE's Accept──► joining ──answered──► in-call
//      │                                                 └──hang up──► hung-up ◄──hang up──┘
//      └──"Not now", 60 s, ended elsewhere──► over
import { isAgentCallLive, type AgentCallStatus } from '../../lib/agent-calls/agent-call-view';
import type { ConnectionMode } from '../../lib/livekit/use-call-room';

export type AgentCallPageState = 'ringing' | 'joining' | 'in-call' | 'hung-up' | 'over';

/** What the callee did here: nothing yet, accepted, or hung up (final, whatever the server says). */
export type AgentCallChoice = 'none' | 'accepted' | 'hung-up';

export function agentCallPageState(
  status: AgentCallStatus,
  choice: AgentCallChoice,
): AgentCallPageState {
  if (choice === 'hung-up') return 'hung-up';
  if (!isAgentCallLive(status)) return 'over';
  if (status === 'answered') return 'in-call';
  return choice === 'accepted' ? 'joining' : 'ringing';
}

/** In the room, audio only, from the answer until the hang-up. */
export function agentCallConnectionMode(page: AgentCallPageState): ConnectionMode {
  return page === 'joining' || page === 'in-call' ? 'full' : 'none';
}
