/**
 * Who may join which room. Conference rooms are open to anyone signed in. A call room admits only
 * its two parties while the call is live: the caller from the start (it waits in the room while it
 * rings), the callee once accepted, and before that only as a hidden listener. An agent-call
 * room admits only its LINE callee while the call rings or is answered, with the microphone only.
 */
import { isLive } from '../domain/call-lifecycle.js';
import { findSession } from '../db/agent-call-sessions.js';
import { findCall } from '../db/calls.js';
import type { User } from '../db/users.js';
import { badRequest, forbidden } from '../errors.js';
import { mintJoinToken, type JoinGrant, type JoinToken } from '../livekit/tokens.js';
import { parseRoomName } from './room-name.js';

const CALL_DEPARTURE_TIMEOUT_SECONDS = 30;

export async function issueJoinToken(user: User, room: string): Promise<JoinToken> {
  const parsed = parseRoomName(room);
  if (!parsed.ok) throw badRequest('invalid_room', parsed.reason);
  // The normalised name (NFC), so one room is one room however its name was typed. The room
  // identity, not the LINE id: the other participants see it.
  const identity = { room: parsed.ref.room, identity: user.roomIdentity, name: user.displayName };
  switch (parsed.ref.kind) {
    case 'conference':
      return mintJoinToken(identity);
    case 'call':
      return mintJoinToken({
        ...identity,
        // A party who drops and is not back in 30 s has lost the call (it ends as failed).
        departureTimeoutSeconds: CALL_DEPARTURE_TIMEOUT_SECONDS,
        ...(await callGrant(user, parsed.ref.callId)),
      });
    case 'agent-call':
      return mintJoinToken({ ...identity, ...(await agentCallGrant(user, parsed.ref.sid)) });
  }
}

async function agentCallGrant(user: User, sid: string): Promise<Partial<JoinGrant>> {
  const session = await findSession(sid);
  const isCallee =
    session && 'lineUserId' in session.target && session.target.lineUserId === user.id;
  if (!session || !isCallee) throw forbidden('room_not_joinable', 'This call was not to you.');
  if (session.status !== 'ringing' && session.status !== 'answered') {
    throw forbidden('call_over', `The call is ${session.status}.`);
  }
  return { sources: ['microphone'] };
}

async function callGrant(user: User, callId: string): Promise<Partial<JoinGrant>> {
  const call = await findCall(callId);
  const isParty = call && (call.callerId === user.id || call.calleeId === user.id);
  if (!call || !isParty) throw forbidden('room_not_joinable', 'You are not a party to this call.');
  if (!isLive(call.status)) throw forbidden('call_over', `The call is ${call.status}.`);
  const sources: JoinGrant['sources'] =
    call.media === 'audio'
      ? ['microphone']
      : ['camera', 'microphone', 'screen_share', 'screen_share_audio'];
  if (call.callerId === user.id) return { sources };
  return call.status === 'ringing' || call.status === 'initiated'
    ? { listenOnly: true }
    : { sources };
}
