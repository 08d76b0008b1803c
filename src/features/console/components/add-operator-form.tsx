// Adds an operator by LINE user id, or gives someone already on the team another role. What was
// typed stays until the server accepts it.
import { useState, type FormEvent } from 'react';
import {
  OPERATOR_ROLES,
  type Operator,
  type OperatorRole,
} from '../../../../api/_lib/console-contract';
import { saveOperator } from '../api/console-api';
import { errorText, ROLE_NAMES } from '../console-words';
import { SubmitButton } from './submit-button';

type Saving =
  | { status: 'editing' }
  | { status: 'saving' }
  | { status: 'saved'; operator: Operator }
  | { status: 'refused'; error: unknown };

export function AddOperatorForm({ onSaved }: { onSaved: (operator: Operator) => void }) {
  const [lineUserId, setLineUserId] = useState('');
  const [role, setRole] = useState<OperatorRole>('operator');
  const [saving, setSaving] = useState<Saving>({ status: 'editing' });

  async function add(event: FormEvent) {
    event.preventDefault();
    setSaving({ status: 'saving' });
    try {
      const operator = await saveOperator(lineUserId.trim(), role);
      onSaved(operator);
      setSaving({ status: 'saved', operator });
      setLineUserId('');
    } catch (error) {
      setSaving({ status: 'refused', error });
    }
  }

  return (
    <form className="console-card" aria-label="Add an operator" onSubmit={add}>
      <h2>Add an operator</h2>
      <div className="inline-form">
        <label className="inline-form__wide">
          LINE user id
          <input
            className="mono"
            required
            value={lineUserId}
            placeholder="U followed by 32 letters and digits"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={saving.status === 'refused'}
            onChange={(e) => setLineUserId(e.target.value)}
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as OperatorRole)}>
            {OPERATOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton busy={saving.status === 'saving'} label="Add" busyLabel="Adding…" />
      </div>
      {saving.status === 'refused' && (
        <p className="form-error" role="alert" data-testid="add-operator-error">
          {errorText(saving.error)}
        </p>
      )}
      {saving.status === 'saved' && (
        <p className="form-done" role="status">
          Added {saving.operator.displayName ?? saving.operator.lineUserId} as{' '}
          {saving.operator.role === 'admin' ? 'an admin' : 'an operator'}.
        </p>
      )}
      <p className="form-hint">
        The user id LINE gives each person (it starts with U), not the LINE ID people search by.
      </p>
    </form>
  );
}
