/**
 * What an operator does to a live agent call from the console (docs/campaigns.md#the-live-monitor):
 *
 *   listen     a hidden, listen-only LiveKit token for the call's room, while the call is live
 *   take over  once the callee has answered: recorded once (another operator is refused), the
 *              agent sent out of the room, and a token that speaks; the call goes on until the
 *              callee or the operator hangs up (here, or by leaving the room)
 *   hang up    ends the call through the agent-call lifecycle, which closes the room
 *
 * Operators act on campaign calls; admins on any agent call, since calls outside campaigns
 * ("call me now", the API) are people's own and only admins see them (as in the analytics).
 * In the room an operator is `operator-<random>`, new for each token (db/operator-calls.ts).
 */
import { applyToSession } from '../agent-calls/apply-to-session.js';
import type { OperatorPrincipal } from '../auth/authenticate-operator.js';
import type { HungUpCall, OperatorRoomToken } from '../console-contract.js';
import {
  claimTakeOver,
  findOperatorCall,
  newOperatorIdentity,
  type OperatorCall,
} from '../db/operator-calls.js';
import {
  AGENT_RINGING_STATES,
  isAgentCallLive,
  type AgentCallState,
} from '../domain/agent-call-lifecycle.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { removeAgentsFromRoom } from '../livekit/room-agents.js';
import { mintJoinToken, type JoinGrant } from '../livekit/tokens.js';

export async function listenIn(sid: string, by: OperatorPrincipal): Promise<OperatorRoomToken> {
  const call = await callFor(sid, by);
  if (!isAgentCallLive(call.status)) throw callOver(call.status);
  return operatorToken(call, newOperatorIdentity(), { listensHidden: true });
}

export async function takeOver(sid: string, by: OperatorPrincipal): Promise<OperatorRoomToken> {
  const call = await callFor(sid, by);
  const identity = newOperatorIdentity();
  const claimed = await claimTakeOver(sid, by.user.id, identity);
  if (!claimed) throw refusedTakeOver((await findOperatorCall(sid)) ?? call, by);
  // After the claim, so a second operator never sends out the agent of a call they do not get.
  // Should LiveKit fail here, the same operator asking again claims it again and retries this.
  await removeAgentsFromRoom(claimed.room);
  return operatorToken(claimed, identity, { sources: ['microphone'] });
}

/** Ends the call however far it got; a call already over answers as it is. */
export async function hangUp(sid: string, by: OperatorPrincipal): Promise<HungUpCall> {
  let call = await callFor(sid, by);
  const origin = { source: 'user' as const, data: { operator: by.user.id } };
  // The state may move between the read and the event (answered meanwhile): then try again.
  for (let tries = 0; tries < 3 && isAgentCallLive(call.status); tries++) {
    const ringing = (AGENT_RINGING_STATES as readonly string[]).includes(call.status);
    const event = ringing
      ? ({ type: 'decline', reason: 'hung up by an operator' } as const)
      : ({ type: 'end', reason: 'hung up by an operator' } as const);
    const session = await applyToSession({ id: sid, event, origin });
    call = { ...call, status: session?.status ?? call.status };
  }
  return { sid, status: call.status };
}

async function callFor(sid: string, by: OperatorPrincipal): Promise<OperatorCall> {
  const call = await findOperatorCall(sid);
  if (!call) throw notFound('call_not_found', 'No such agent call.');
  if (call.campaignLeadId === null && by.role !== 'admin') {
    throw forbidden('not_a_campaign_call', 'Only an admin may join a call outside campaigns.');
  }
  return call;
}

async function operatorToken(
  call: OperatorCall,
  identity: string,
  grant: Partial<JoinGrant>,
): Promise<OperatorRoomToken> {
  const { token, url, room } = await mintJoinToken({
    room: call.room,
    identity,
    name: 'Operator',
    ...grant,
  });
  return { token, serverUrl: url, room };
}

const callOver = (status: AgentCallState) =>
  new AppError('call_over', 409, `The call is ${status}.`, { details: { status } });

function refusedTakeOver(call: OperatorCall, by: OperatorPrincipal): AppError {
  if (!isAgentCallLive(call.status)) return callOver(call.status);
  if (call.takenOverBy && call.takenOverBy !== by.user.id) {
    return new AppError('already_taken_over', 409, 'Another operator took this call over.', {
      details: { status: call.status, takenOverBy: call.takenOverBy },
    });
  }
  return new AppError(
    'not_answered',
    409,
    'A call can be taken over once the callee has answered.',
    { details: { status: call.status } },
  );
}
