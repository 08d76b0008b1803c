import { useCallback, useEffect, useState } from 'react';
import type { CallView } from '../../../lib/calls/call-view';
import { listCalls } from '../api/list-calls';

export type HistoryState =
  | { status: 'loading' }
  /** `loadedAt` is the "now" the relative times are counted from. */
  | { status: 'ready'; calls: CallView[]; loadedAt: number }
  | { status: 'failed'; error: unknown };

/** The call list, read once each time the page opens. */
export function useCallHistory() {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    listCalls(abort.signal).then(
      (calls) => setState({ status: 'ready', calls, loadedAt: Date.now() }),
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
