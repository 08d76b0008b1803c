// The do-not-call list in callee order (numbers in E.164 first, then LINE user ids), a page at a
// time. A removed entry leaves the table at once; the pages already read stay as they are.
import { useState } from 'react';
import type { DoNotCallEntry, OperatorView } from '../../../../api/_lib/console-contract';
import { DO_NOT_CALL_PAGE, listDoNotCall, removeFromDoNotCall } from '../api/console-api';
import { addedByText } from '../console-words';
import { usePages } from '../hooks/use-pages';
import { Empty, LoadFailed, Loading } from './load-states';
import { MorePages } from './more-pages';
import { RemoveButton } from './remove-button';

export function DoNotCallList({ me }: { me: OperatorView }) {
  const [pages, next] = usePages(DO_NOT_CALL_PAGE, (last: DoNotCallEntry | undefined, signal) =>
    listDoNotCall(last?.callee ?? '', { signal }),
  );
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const entries = pages.items.filter((entry) => !removed.has(entry.callee));
  if (pages.items.length === 0 && pages.status === 'loading') {
    return <Loading label="Loading the list…" />;
  }
  if (pages.items.length === 0 && pages.status === 'failed') {
    return <LoadFailed what="the do-not-call list" error={pages.error} onRetry={next} />;
  }
  if (pages.status === 'all' && entries.length === 0) {
    return (
      <Empty>
        <p>No one is on the do-not-call list.</p>
      </Empty>
    );
  }
  return (
    <>
      <table className="console-table manage-table" aria-label="Do-not-call list">
        <thead>
          <tr>
            <th scope="col">Number or LINE user</th>
            <th scope="col">Reason</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.callee}>
              <th scope="row" className="mono">
                {entry.callee}
              </th>
              <td>{entry.reason ?? <span className="muted">–</span>}</td>
              <td className="small">
                <span className="when">{new Date(entry.createdAt).toLocaleString()}</span>
                <div className="muted">by {addedByText(entry, me)}</div>
              </td>
              <td>
                <RemoveButton
                  label={`Remove ${entry.callee}`}
                  question="Take them off the list? Campaigns may call them again."
                  onRemove={async () => {
                    await removeFromDoNotCall(entry.callee);
                    setRemoved((gone) => new Set(gone).add(entry.callee));
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MorePages pages={pages} next={next} what="the list" moreLabel="Show more" />
    </>
  );
}
