// The account's do-not-call list, for every operator: add numbers or LINE users, read the list a
// page at a time, take someone off it.
import { useState } from 'react';
import type { OperatorView } from '../../../../api/_lib/console-contract';
import { DoNotCallForm } from './do-not-call-form';
import { DoNotCallList } from './do-not-call-list';
import './team-and-do-not-call.css';

export function DoNotCallPage({ me }: { me: OperatorView }) {
  // Bumped after an addition: the list reads again from its first page, where the new entries
  // may have landed (it is in callee order).
  const [additions, setAdditions] = useState(0);
  return (
    <>
      <div className="console-title">
        <h1>Do not call</h1>
      </div>
      <p className="muted">
        No campaign calls anyone on this list: a lead on it is skipped when the leads are imported,
        and again just before its call.
      </p>
      <DoNotCallForm onAdded={() => setAdditions((n) => n + 1)} />
      <DoNotCallList key={additions} me={me} />
    </>
  );
}
