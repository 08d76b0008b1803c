// The call as the API sees it, for either kind of call: the truth on every (re)load and after every
// action. The screen reads it again when something happens (the room closed, someone came or went,
// the ring deadline passed), and while the room is not connected (lib/use-follow-server.ts). Its
// states are server-call.ts's.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiError } from '../api-client';
import { serverCall } from './server-call';

/** How a kind of call is read and acted on. */
export interface CallApi<Call, Action> {
  get(id: string): Promise<Call>;
  act(id: string, action: Action): Promise<Call>;
  /**
   * A 409 (someone moved first) re-reads the call, whose screen then shows what happened; this
   * says which 409s are worth saying as they are, too.
   */
  saysConflict(error: ApiError): boolean;
}

export function useServerCall<Call, Action>(api: CallApi<Call, Action>, id: string) {
  const [state, dispatch] = useReducer(serverCall<Call, Action>, { kind: 'loading' });
  // Answers can arrive out of order; only the latest request may set the call.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const call = await api.get(id);
      if (request === latest.current) dispatch({ type: 'loaded', call });
    } catch (error) {
      if (request === latest.current) dispatch({ type: 'load-failed', error });
    }
  }, [api, id]);

  const act = useCallback(
    async (action: Action) => {
      const request = ++latest.current;
      dispatch({ type: 'acting', action });
      try {
        const call = await api.act(id, action);
        if (request === latest.current) dispatch({ type: 'loaded', call });
      } catch (error) {
        const conflict = error instanceof ApiError && error.status === 409;
        if (!conflict || api.saysConflict(error)) dispatch({ type: 'act-failed', error });
        if (conflict) await refresh();
      } finally {
        dispatch({ type: 'act-settled' });
      }
    },
    [api, id, refresh],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { state, refresh, act };
}
