// The call as the API sees it: the source of truth on every (re)load and after every event. The
// screen re-reads it when something happens (the room closed, the other party joined or left,
// the ring deadline passed), and while the room is not connected (lib/use-follow-server.ts).
//
//   loading ──► ready(call) ◄──── refresh() / act(action)
//      └──────► failed(error)     act answered 409: someone moved first ──► refresh()
//                                 cancel answered 409 "accepted": the callee was faster ──► end
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { isInCall, type CallStatus, type CallView } from '../../../lib/calls/call-view';
import { actOnCall, type CallAction } from '../api/act-on-call';
import { getCall } from '../api/get-call';

export type CallState =
  | { status: 'loading' }
  | { status: 'ready'; call: CallView }
  | { status: 'failed'; error: unknown };

export function useCall(id: string) {
  const [state, setState] = useState<CallState>({ status: 'loading' });
  const [pending, setPending] = useState<CallAction | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  // Answers can arrive out of order; only the latest request may set the state.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const call = await getCall(id);
      if (request === latest.current) setState({ status: 'ready', call });
    } catch (error) {
      // A failed re-read keeps the call on screen; only a failed first load is an error screen.
      if (request === latest.current)
        setState((previous) =>
          previous.status === 'ready' ? previous : { status: 'failed', error },
        );
    }
  }, [id]);

  const act = useCallback(
    async (action: CallAction) => {
      const request = ++latest.current;
      setPending(action);
      setActionError(null);
      try {
        const call = await actOnCall(id, action).catch((error: unknown) => {
          // Cancel crossed the callee's accept: the caller still wants out, so hang up instead.
          if (action !== 'cancel' || !isInCall(conflictStatus(error) ?? 'initiated')) throw error;
          return actOnCall(id, 'end');
        });
        if (request === latest.current) setState({ status: 'ready', call });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) await refresh();
        else setActionError(error);
      } finally {
        setPending(null);
      }
    },
    [id, refresh],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { state, pending, actionError, refresh, act };
}

/** The call's state in a 409 invalid_state answer. */
function conflictStatus(error: unknown): CallStatus | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  return error.details.status as CallStatus | undefined;
}
