/**
 * What a party does to a call (accept, decline, cancel, end) and reading calls. The lifecycle
 * refuses what the state does not allow (409 with the current state); the room is closed when a
 * call ends so the other party's open screen learns it at once.
 */
import { applyCallEvent, findCall, listCallsOf, type Call, type EventSource } from '../db/calls.js';
import type { RoomParticipant } from '../db/lifecycle-store.js';
import { findUser, type User } from '../db/users.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { closeRoom } from '../livekit/rooms.js';
import { callRoom } from '../rooms/room-name.js';
import { isLive, type CallEvent, type Party } from '../domain/call-lifecycle.js';
import { notifyCallCanceled } from './call-canceled.js';
import { viewCall, type CallView } from './call-view.js';

export type CallAction = 'accept' | 'decline' | 'cancel' | 'end';

const ALLOWED: Record<CallAction, Party[]> = {
  accept: ['callee'],
  decline: ['callee'],
  cancel: ['caller'],
  end: ['caller', 'callee'],
};

export async function actOnCall(user: User, callId: string, action: CallAction): Promise<CallView> {
  const call = await callOf(user, callId);
  const party: Party = call.callerId === user.id ? 'caller' : 'callee';
  if (!ALLOWED[action].includes(party)) {
    throw forbidden(
      'not_allowed',
      `Only the ${ALLOWED[action].join(' or ')} can ${action} a call.`,
    );
  }
  const event: CallEvent =
    action === 'end' ? { type: 'end', reason: `${party} hung up` } : { type: action };
  const updated = await applyToCall(call.id, event, { source: 'user' });
  if (!updated) throw notFound('call_not_found', 'No such call.');
  // Refused cancels answered 409 above, so this runs once per call.
  if (action === 'cancel') await notifyCallCanceled(updated);
  return viewFor(updated, user.id);
}

/**
 * Applies an event and closes the room when the call is over; returns the call as it now is, or
 * undefined when there is no such call.
 */
export async function applyToCall(
  callId: string,
  event: CallEvent,
  origin: EventSource,
  participant?: RoomParticipant,
): Promise<Call | undefined> {
  const result = await applyCallEvent({ id: callId, event, origin, participant });
  if (result.outcome === 'not-found') return undefined;
  if (result.outcome === 'refused' && origin.source === 'user') {
    throw new AppError('invalid_state', 409, `The call is ${result.record.status}.`, {
      details: { status: result.record.status },
    });
  }
  if (result.outcome === 'applied' && !isLive(result.record.status)) {
    await closeRoom(callRoom(callId)).catch((error: unknown) =>
      console.warn(JSON.stringify({ level: 'warn', callId, closeRoom: String(error) })),
    );
  }
  return result.record;
}

export async function getCall(user: User, callId: string): Promise<CallView> {
  return viewFor(await callOf(user, callId), user.id);
}

export async function listCalls(user: User): Promise<CallView[]> {
  const entries = await listCallsOf(user.id);
  return entries.map((entry) => viewCall(entry, user.id, entry.other));
}

/** The call, if `user` is one of its parties (404 / 403 otherwise). */
export async function callOf(user: User, callId: string): Promise<Call> {
  const call = await findCall(callId);
  if (!call) throw notFound('call_not_found', 'No such call.');
  if (call.callerId !== user.id && call.calleeId !== user.id) {
    throw forbidden('not_your_call', 'You are not a party to this call.');
  }
  return call;
}

async function viewFor(call: Call, viewerId: string): Promise<CallView> {
  const other = await findUser(call.callerId === viewerId ? call.calleeId : call.callerId);
  return viewCall(call, viewerId, other!);
}
