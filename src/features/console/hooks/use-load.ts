import { useCallback, useEffect, useEffectEvent, useState } from 'react';

/** One read of the API, as the page shows it. */
export type Load<T> =
  { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; error: unknown };

/** Reads once per change of `key` (and again on reload); a newer read wins over an older one. */
export function useLoad<T>(
  key: string,
  read: (signal: AbortSignal) => Promise<T>,
): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T> & { key: string; attempt: number }>({
    status: 'loading',
    key,
    attempt: 0,
  });
  const [attempt, setAttempt] = useState(0);
  // `read` is new each render; `key` says when it reads something else.
  const readNow = useEffectEvent(read);
  useEffect(() => {
    const controller = new AbortController();
    readNow(controller.signal).then(
      (value) => setState({ status: 'loaded', value, key, attempt }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error, key, attempt });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // A read for another key (or a reload) is loading until its answer is in.
  const current = state.key === key && state.attempt === attempt;
  return [current ? state : { status: 'loading' }, reload];
}
