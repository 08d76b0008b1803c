// "Call me now" while an agent call to me still rings or is on: that call, so the page leads to
// it instead of starting a second one. 'checking' until the list has answered; a list that fails
// to load does not stand in the way of a new call.
import { useEffect, useState } from 'react';
import { isAgentCallLive, type AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import { listAgentCalls } from '../../../lib/agent-calls/list-agent-calls';

export type LiveAgentCall =
  { status: 'checking' } | { status: 'checked'; live: AgentCallView | null };

export function useLiveAgentCall(): LiveAgentCall {
  const [state, setState] = useState<LiveAgentCall>({ status: 'checking' });
  useEffect(() => {
    const abort = new AbortController();
    listAgentCalls(abort.signal).then(
      (calls) =>
        setState({
          status: 'checked',
          live: calls.find((call) => isAgentCallLive(call.status)) ?? null,
        }),
      () => {
        if (!abort.signal.aborted) setState({ status: 'checked', live: null });
      },
    );
    return () => abort.abort();
  }, []);
  return state;
}
