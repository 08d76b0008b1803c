// Adds numbers (as people write them, national ones read in the chosen country) and LINE user
// ids. The server takes all or none: when it refuses some, they are named and the text stays.
import { useState, type FormEvent } from 'react';
import { COUNTRY_TIME_ZONES } from '../../../../api/_lib/console-contract';
import { ApiError } from '../../../lib/api-client';
import { addToDoNotCall } from '../api/console-api';
import { errorText } from '../console-words';
import { SubmitButton } from './submit-button';

const COUNTRIES = Object.keys(COUNTRY_TIME_ZONES);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

type Adding =
  | { status: 'editing' }
  | { status: 'adding' }
  | { status: 'added'; added: number; sent: number }
  | { status: 'refused'; error: unknown };

/** One value a line, or several separated by commas. */
const calleesIn = (text: string) =>
  text
    .split(/[\n,]/)
    .map((value) => value.trim())
    .filter(Boolean);

export function DoNotCallForm({ onAdded }: { onAdded: () => void }) {
  const [text, setText] = useState('');
  const [country, setCountry] = useState(COUNTRIES[0]!);
  const [reason, setReason] = useState('');
  const [adding, setAdding] = useState<Adding>({ status: 'editing' });

  async function add(event: FormEvent) {
    event.preventDefault();
    const callees = calleesIn(text);
    if (callees.length === 0) return;
    setAdding({ status: 'adding' });
    try {
      const { added } = await addToDoNotCall({
        callees,
        defaultCountry: country,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setAdding({ status: 'added', added, sent: callees.length });
      setText('');
      setReason('');
      onAdded();
    } catch (error) {
      setAdding({ status: 'refused', error });
    }
  }

  return (
    <form className="console-card" aria-label="Add to the do-not-call list" onSubmit={add}>
      <h2>Add</h2>
      <div className="do-not-call-form">
        <label className="do-not-call-form__callees">
          Numbers or LINE user ids
          <textarea
            required
            rows={5}
            value={text}
            spellCheck={false}
            placeholder={'090-1234-5678\n+82 10-1234-5678, U0123…'}
            aria-invalid={adding.status === 'refused'}
            onChange={(e) => setText(e.target.value)}
          />
          <span className="form-hint">One a line, or separated by commas.</span>
        </label>
        <div className="do-not-call-form__side">
          <label>
            Numbers without a + are in
            <select value={country} onChange={(e) => setCountry(e.target.value)}>
              {COUNTRIES.map((code) => (
                <option key={code} value={code}>
                  {regionNames.of(code) ?? code}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason (optional)
            <input
              value={reason}
              maxLength={200}
              placeholder="e.g. Asked not to be called"
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <SubmitButton
            busy={adding.status === 'adding'}
            label="Add to the list"
            busyLabel="Adding…"
          />
        </div>
      </div>
      {adding.status === 'refused' && <Refusal error={adding.error} />}
      {adding.status === 'added' && (
        <p className="form-done" role="status" data-testid="do-not-call-added">
          Added {adding.added}
          {adding.added < adding.sent && ` (${adding.sent - adding.added} already on the list)`}.
        </p>
      )}
    </form>
  );
}

/** `invalid_callee` names every value refused; anything else is said as the server said it. */
function Refusal({ error }: { error: unknown }) {
  const invalid = error instanceof ApiError ? error.details.invalid : undefined;
  if (!Array.isArray(invalid)) {
    return (
      <p className="form-error" role="alert" data-testid="do-not-call-error">
        {errorText(error)}
      </p>
    );
  }
  return (
    <div className="form-error" role="alert" data-testid="do-not-call-error">
      Nothing was added. Not a phone number or a LINE user id:
      <ul className="refused-values">
        {invalid.map((value, i) => (
          <li key={i}>
            <code>{String(value)}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
