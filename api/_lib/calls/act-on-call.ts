/**
 * What a party does to a call (accept, decline, cancel, end), from the app or a LINE button, and
 * reading calls. Who may do what is decided here, for every entry point; the lifecycle refuses
 * what the state does not allow (409 with the current state, for the app).
 */
import { findCall, listCallsOf, type Call, type EventSource } from '../db/calls.js';
import { findUser, type User } from '../db/users.js';
import type { CallEvent, Party } from '../domain/call-lifecycle.js';
import { forbidden, notFound } from '../errors.js';
import { applyToCall } from './apply-to-call.js';
import { viewCall, type CallView } from './call-view.js';

export type CallAction = 'accept' | 'decline' | 'cancel' | 'end';

const ALLOWED: Record<CallAction, Party[]> = {
  accept: ['callee'],
  decline: ['callee'],
  cancel: ['caller'],
  end: ['caller', 'callee'],
};

/** `origin`: the app (the default) or a LINE button tap, recorded with the event. */
export async function actOnCall(
  userId: string,
  callId: string,
  action: CallAction,
  origin: EventSource = { source: 'user' },
): Promise<CallView> {
  const call = await callOf(userId, callId);
  const party: Party = call.callerId === userId ? 'caller' : 'callee';
  if (!ALLOWED[action].includes(party)) {
    throw forbidden(
      'not_allowed',
      `Only the ${ALLOWED[action].join(' or ')} can ${action} a call.`,
    );
  }
  const event: CallEvent =
    action === 'end' ? { type: 'end', reason: `${party} hung up` } : { type: action };
  const updated = await applyToCall({ id: call.id, event, origin });
  if (!updated) throw notFound('call_not_found', 'No such call.');
  return viewFor(updated, userId);
}

export async function getCall(user: User, callId: string): Promise<CallView> {
  return viewFor(await callOf(user.id, callId), user.id);
}

export async function listCalls(user: User): Promise<CallView[]> {
  const entries = await listCallsOf(user.id);
  return entries.map((entry) => viewCall(entry, user.id, entry.other));
}

/** The call, if the user is one of its parties (404 / 403 otherwise). */
export async function callOf(userId: string, callId: string): Promise<Call> {
  const call = await findCall(callId);
  if (!call) throw notFound('call_not_found', 'No such call.');
  if (call.callerId !== userId && call.calleeId !== userId) {
    throw forbidden('not_your_call', 'You are not a party to this call.');
  }
  return call;
}

async function viewFor(call: Call, viewerId: string): Promise<CallView> {
  const other = await findUser(call.callerId === viewerId ? call.calleeId : call.callerId);
  return viewCall(call, viewerId, other!);
}
