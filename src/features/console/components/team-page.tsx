// Admins: who may use the console and with which role. Adding, promoting and removing change the
// table from the server's answer, without reading the whole team again.
import { useState } from 'react';
import type { Operator, OperatorView } from '../../../../api/_lib/console-contract';
import { listOperators } from '../api/console-api';
import { addedByText } from '../console-words';
import { useLoad } from '../hooks/use-load';
import { AddOperatorForm } from './add-operator-form';
import { LoadFailed, Loading } from './load-states';
import { OperatorRow } from './operator-row';
import './team-and-do-not-call.css';

export function TeamPage({ me }: { me: OperatorView }) {
  const [operators, reload] = useLoad('operators', (signal) => listOperators({ signal }));
  return (
    <>
      <div className="console-title">
        <h1>Team</h1>
      </div>
      <p className="muted">
        Who may use the console. Operators run campaigns and the do-not-call list; admins also
        manage the team and read the agent call analytics.
      </p>
      {operators.status === 'loading' && <Loading label="Loading the team…" />}
      {operators.status === 'failed' && (
        <LoadFailed what="the team" error={operators.error} onRetry={reload} />
      )}
      {operators.status === 'loaded' && <Team initial={operators.value} me={me} />}
    </>
  );
}

function Team({ initial, me }: { initial: Operator[]; me: OperatorView }) {
  const [operators, setOperators] = useState(initial);
  const saved = (operator: Operator) =>
    setOperators((list) =>
      list.some((o) => o.lineUserId === operator.lineUserId)
        ? list.map((o) => (o.lineUserId === operator.lineUserId ? operator : o))
        : [...list, operator],
    );
  const removed = (lineUserId: string) =>
    setOperators((list) => list.filter((o) => o.lineUserId !== lineUserId));
  return (
    <>
      <AddOperatorForm onSaved={saved} />
      <table className="console-table manage-table" aria-label="Operators">
        <thead>
          <tr>
            <th scope="col">Operator</th>
            <th scope="col">Role</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {operators.map((operator) => (
            <OperatorRow
              key={operator.lineUserId}
              operator={operator}
              you={operator.lineUserId === me.lineUserId}
              addedBy={addedByText(operator, me)}
              onSaved={saved}
              onRemoved={() => removed(operator.lineUserId)}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}
