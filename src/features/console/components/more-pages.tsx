// Under a list read a page at a time (hooks/use-pages.ts): that the next page is on its way, the
// button that asks for it, or why it did not come with a way to try again.
import type { Pages } from '../hooks/use-pages';
import { errorText } from '../console-words';

export function MorePages({
  pages,
  next,
  what,
  moreLabel,
}: {
  pages: Pages<unknown>;
  next: () => void;
  /** What the list is, for "Loading …" and "Couldn't load …". */
  what: string;
  moreLabel: string;
}) {
  switch (pages.status) {
    case 'loading':
      return <p role="status">Loading {what}…</p>;
    case 'more':
      return (
        <button type="button" className="console-button" onClick={next}>
          {moreLabel}
        </button>
      );
    case 'failed':
      return (
        <p className="form-error" role="alert">
          Couldn't load {what}: {errorText(pages.error)}{' '}
          <button type="button" className="console-button" onClick={next}>
            Try again
          </button>
        </p>
      );
    case 'all':
      return null;
  }
}
