// One operator in the team table. The signed-in admin is marked and has no controls: the server
// refuses anyone changing their own role (another admin must).
import { useState } from 'react';
import {
  OPERATOR_ROLES,
  type Operator,
  type OperatorRole,
} from '../../../../api/_lib/console-contract';
import { removeOperator, saveOperator } from '../api/console-api';
import { errorText, ROLE_NAMES } from '../console-words';
import { RemoveButton } from './remove-button';

export function OperatorRow({
  operator,
  you,
  addedBy,
  onSaved,
  onRemoved,
}: {
  operator: Operator;
  you: boolean;
  addedBy: string;
  onSaved: (operator: Operator) => void;
  onRemoved: () => void;
}) {
  const name = operator.displayName ?? operator.lineUserId;
  return (
    <tr data-testid="operator-row">
      <th scope="row">
        {operator.displayName ?? <span className="muted">Not signed in yet</span>}
        {you && <span className="badge badge--you">you</span>}
        <div className="muted small mono">{operator.lineUserId}</div>
      </th>
      <td>
        {you ? (
          ROLE_NAMES[operator.role]
        ) : (
          <RoleSelect operator={operator} name={name} onSaved={onSaved} />
        )}
      </td>
      <td className="small">
        <span className="when">{new Date(operator.createdAt).toLocaleString()}</span>
        <div className="muted">by {addedBy}</div>
      </td>
      <td>
        {you ? (
          <span className="muted small">Another admin can change your role.</span>
        ) : (
          <RemoveButton
            label={`Remove ${name}`}
            question={`Remove ${name}? They can no longer use the console.`}
            onRemove={async () => {
              await removeOperator(operator.lineUserId);
              onRemoved();
            }}
          />
        )}
      </td>
    </tr>
  );
}

type Changing =
  | { status: 'idle' }
  | { status: 'saving'; role: OperatorRole }
  | { status: 'refused'; error: unknown };

/** Changes the role as soon as another is picked; a refusal puts the role back and says why. */
function RoleSelect({
  operator,
  name,
  onSaved,
}: {
  operator: Operator;
  name: string;
  onSaved: (operator: Operator) => void;
}) {
  const [changing, setChanging] = useState<Changing>({ status: 'idle' });
  async function change(role: OperatorRole) {
    setChanging({ status: 'saving', role });
    try {
      onSaved(await saveOperator(operator.lineUserId, role));
      setChanging({ status: 'idle' });
    } catch (error) {
      setChanging({ status: 'refused', error });
    }
  }
  return (
    <>
      <select
        aria-label={`Role of ${name}`}
        value={changing.status === 'saving' ? changing.role : operator.role}
        disabled={changing.status === 'saving'}
        onChange={(e) => void change(e.target.value as OperatorRole)}
      >
        {OPERATOR_ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_NAMES[role]}
          </option>
        ))}
      </select>
      {changing.status === 'refused' && (
        <p className="form-error" role="alert">
          {errorText(changing.error)}
        </p>
      )}
    </>
  );
}
