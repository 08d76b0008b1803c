import { ApiError } from '../../../lib/api-client';
import { isInCall, type CallStatus, type CallView } from '../../../lib/calls/call-view';
import type { CallApi } from '../../../lib/calls/use-server-call';
import { actOnCall, type CallAction } from './act-on-call';
import { getCall } from './get-call';

/** A 1:1 call as its screen reads and moves it (lib/calls/use-server-call.ts). */
export const callApi: CallApi<CallView, CallAction> = {
  get: (id) => getCall(id),
  act: (id, action) =>
    actOnCall(id, action).catch((error: unknown) => {
      // Cancel crossed the callee's accept: the caller still wants out, so hang up instead.
      if (action !== 'cancel' || !isInCall(conflictStatus(error) ?? 'initiated')) throw error;
      return actOnCall(id, 'end');
    }),
  // Someone moved first (the other party answered, hung up, the ring timed out): the call as it
  // now stands says what happened.
  saysConflict: () => false,
};

/** The call's state in a 409 invalid_state answer. */
function conflictStatus(error: unknown): CallStatus | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  return error.details.status as CallStatus | undefined;
}
