// The agent call as the API sees it: the source of truth on every (re)load and after every event
// (the room closed, the ring deadline passed, a hang-up). Nothing polls.
//
//   loading ──► ready(call) ◄──── refresh() / act(action)
//      └──────► failed(error)     act answered 409: the call moved on ──► refresh()
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import { ApiError } from '../../../lib/api-client';
import { actOnAgentCall, type AgentCallAction } from '../api/act-on-agent-call';
import { getAgentCall } from '../api/get-agent-call';

export type AgentCallState =
  | { status: 'loading' }
  | { status: 'ready'; call: AgentCallView }
  | { status: 'failed'; error: unknown };

export function useAgentCall(sid: string) {
  const [state, setState] = useState<AgentCallState>({ status: 'loading' });
  const [pending, setPending] = useState<AgentCallAction | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  // Answers can arrive out of order; only the latest request may set the state.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const call = await getAgentCall(sid);
      if (request === latest.current) setState({ status: 'ready', call });
    } catch (error) {
      // A failed re-read keeps the call on screen; only a failed first load is an error screen.
      if (request === latest.current)
        setState((previous) =>
          previous.status === 'ready' ? previous : { status: 'failed', error },
        );
    }
  }, [sid]);

  const act = useCallback(
    async (action: AgentCallAction) => {
      const request = ++latest.current;
      setPending(action);
      setActionError(null);
      try {
        const call = await actOnAgentCall(sid, action);
        if (request === latest.current) setState({ status: 'ready', call });
      } catch (error) {
        const conflict = error instanceof ApiError && error.status === 409;
        // retry_limit is worth saying as it is; any other conflict shows in the call as it is now.
        if (!conflict || error.code === 'retry_limit') setActionError(error);
        if (conflict) await refresh();
      } finally {
        setPending(null);
      }
    },
    [sid, refresh],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { state, pending, actionError, refresh, act };
}
