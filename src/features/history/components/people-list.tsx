import { Avatar } from '../../../components/avatar';
import type { CallParty } from '../../../lib/calls/call-view';

interface PeopleListProps {
  people: CallParty[];
  testId: string;
  onChoose(contactId: string): void;
}

/** People to call: a tap opens the call sheet. */
export function PeopleList({ people, testId, onChoose }: PeopleListProps) {
  return (
    <ul className="list" data-testid={testId}>
      {people.map((person) => (
        <li key={person.contactId}>
          <button
            type="button"
            className="list-row"
            onClick={() => onChoose(person.contactId)}
            data-testid="person"
          >
            <Avatar name={person.displayName} pictureUrl={person.pictureUrl} />
            <span className="list-row__main">
              <span className="list-row__name">{person.displayName}</span>
            </span>
            <span className="list-row__action" aria-hidden="true">
              ›
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
