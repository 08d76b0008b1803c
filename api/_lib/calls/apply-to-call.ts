/**
 * Every change to a 1:1 call goes through here, whoever asks: a party's action, a LiveKit webhook,
 * a LINE button, the ring time-out, the sweeper. The store applies the event in one statement;
 * then the effects the lifecycle names for the change run (docs/lifecycle-engine.md).
 */
import { applyCallEvent, type Call } from '../db/calls.js';
import type { EventInput } from '../db/lifecycle-store.js';
import { CALL_LIFECYCLE, type CallEffect, type CallEvent } from '../domain/call-lifecycle.js';
import { runEffects } from '../domain/lifecycle.js';
import { AppError } from '../errors.js';
import { closeRoomOfEndedCall } from '../livekit/rooms.js';
import { callRoom } from '../rooms/room-name.js';
import { notifyCallCanceled } from './call-canceled.js';

const EFFECTS: { [Effect in CallEffect]: (call: Call) => Promise<void> } = {
  'close-room': (call) => closeRoomOfEndedCall(callRoom(call.id)),
  'tell-callee-canceled': notifyCallCanceled,
};

/**
 * Applies an event and runs its effects; returns the call as it now is, or undefined when there is
 * no such call. A person's action the state does not allow is a 409 with the current state.
 */
export async function applyToCall(input: EventInput<CallEvent>): Promise<Call | undefined> {
  const result = await applyCallEvent(input);
  if (result.outcome === 'not-found') return undefined;
  if (result.outcome === 'refused' && input.origin.source === 'user') {
    throw new AppError('invalid_state', 409, `The call is ${result.record.status}.`, {
      details: { status: result.record.status },
    });
  }
  if (result.outcome === 'applied') {
    const change = { from: result.from, to: result.record.status, event: input.event };
    await runEffects(CALL_LIFECYCLE, change, result.record, EFFECTS);
  }
  return result.record;
}
