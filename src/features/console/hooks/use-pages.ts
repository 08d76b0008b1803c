import { useCallback, useEffect, useEffectEvent, useReducer } from 'react';

/**
 * A list read a page at a time, each page after the last item seen; a page shorter than asked
 * for is the last one.
 */
export type Pages<T> =
  | { status: 'loading'; items: T[] }
  | { status: 'more'; items: T[] }
  | { status: 'all'; items: T[] }
  | { status: 'failed'; items: T[]; error: unknown };

type PagesEvent<T> =
  | { type: 'page'; items: T[]; last: boolean }
  | { type: 'failed'; error: unknown }
  | { type: 'next' };

function pagesReducer<T>(state: Pages<T>, event: PagesEvent<T>): Pages<T> {
  switch (event.type) {
    case 'page':
      return { status: event.last ? 'all' : 'more', items: [...state.items, ...event.items] };
    case 'failed':
      return { status: 'failed', items: state.items, error: event.error };
    case 'next':
      return { status: 'loading', items: state.items };
  }
}

/** The first page at once; `next` reads the one after (or the failed one again). */
export function usePages<T>(
  pageSize: number,
  read: (last: T | undefined, signal: AbortSignal) => Promise<T[]>,
): [Pages<T>, () => void] {
  const [pages, dispatch] = useReducer(pagesReducer<T>, { status: 'loading', items: [] });
  const last = pages.items.at(-1);
  const loading = pages.status === 'loading';
  // `read` is new each render; the last item says where the next page starts.
  const readNow = useEffectEvent(read);
  useEffect(() => {
    if (!loading) return;
    const controller = new AbortController();
    readNow(last, controller.signal).then(
      (items) => dispatch({ type: 'page', items, last: items.length < pageSize }),
      (error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [last, loading, pageSize]);
  const next = useCallback(() => dispatch({ type: 'next' }), []);
  return [pages, next];
}
