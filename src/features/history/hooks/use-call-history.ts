import { useCallback, useEffect, useState } from 'react';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import type { CallView } from '../../../lib/calls/call-view';
import { listAgentCalls } from '../../../lib/agent-calls/list-agent-calls';
import { listCalls } from '../../../lib/calls/list-calls';

/** One line of the Calls list: a call with a person, or a call from the assistant. */
export type HistoryEntry =
  { kind: 'call'; call: CallView } | { kind: 'agent-call'; agentCall: AgentCallView };

export type HistoryState =
  | { status: 'loading' }
  /** `loadedAt` is the "now" the relative times are counted from. */
  | {
      status: 'ready';
      calls: CallView[];
      /** My own contact id, which my invite link carries. */
      me: { contactId: string };
      /** 1:1 and agent calls together, newest first. */
      entries: HistoryEntry[];
      loadedAt: number;
    }
  | { status: 'failed'; error: unknown };

/** The call list, read once each time the page opens. */
export function useCallHistory() {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([listCalls(abort.signal), listAgentCalls(abort.signal)]).then(
      ([{ calls, me }, agentCalls]) =>
        setState({
          status: 'ready',
          calls,
          me,
          entries: mergeNewestFirst(calls, agentCalls),
          loadedAt: Date.now(),
        }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => abort.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry };
}

function mergeNewestFirst(calls: CallView[], agentCalls: AgentCallView[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...calls.map((call) => ({ kind: 'call' as const, call })),
    ...agentCalls.map((agentCall) => ({ kind: 'agent-call' as const, agentCall })),
  ];
  const createdAt = (entry: HistoryEntry) =>
    Date.parse(entry.kind === 'call' ? entry.call.createdAt : entry.agentCall.createdAt);
  return entries.sort((a, b) => createdAt(b) - createdAt(a));
}
