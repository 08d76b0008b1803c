// Removing someone from the team or the do-not-call list asks once more, in place, saying what
// follows; the server's refusal stays beside the button.
import { useState } from 'react';
import { errorText } from '../console-words';

type Removing =
  | { status: 'idle' }
  | { status: 'confirming' }
  | { status: 'removing' }
  | { status: 'refused'; error: unknown };

export function RemoveButton({
  label,
  question,
  onRemove,
}: {
  /** What the button says to a screen reader, e.g. "Remove Carol". */
  label: string;
  question: string;
  /** Resolves once removed (the row then goes); rejects with the server's refusal. */
  onRemove: () => Promise<void>;
}) {
  const [removing, setRemoving] = useState<Removing>({ status: 'idle' });
  async function remove() {
    setRemoving({ status: 'removing' });
    try {
      await onRemove();
    } catch (error) {
      setRemoving({ status: 'refused', error });
    }
  }
  if (removing.status === 'confirming' || removing.status === 'removing') {
    const busy = removing.status === 'removing';
    return (
      <div className="row-confirm" role="group" aria-label="Confirm">
        <span>{question}</span>
        <button
          type="button"
          className="console-button console-button--danger"
          disabled={busy}
          onClick={() => void remove()}
        >
          {busy ? 'Removing…' : 'Yes, remove'}
        </button>
        <button
          type="button"
          className="console-button"
          disabled={busy}
          onClick={() => setRemoving({ status: 'idle' })}
        >
          Keep
        </button>
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        className="console-button console-button--danger"
        aria-label={label}
        onClick={() => setRemoving({ status: 'confirming' })}
      >
        Remove
      </button>
      {removing.status === 'refused' && (
        <p className="form-error" role="alert">
          {errorText(removing.error)}
        </p>
      )}
    </>
  );
}
