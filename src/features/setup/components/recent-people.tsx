// The people I talk to, as faces next to "Call someone": a tap opens the Calls list with the call
// sheet for them. Its own lazy chunk, off Setup's first load. Reading the calls is also what
// makes this user callable as soon as the app opens: every signed-in request records the user
// (api/_lib/auth/authenticate-user.ts), and Setup makes no other.
import { useEffect, useState } from 'react';
import { Avatar } from '../../../components/avatar';
import { callBackPath, type CallParty } from '../../../lib/calls/call-view';
import { listCalls } from '../../../lib/calls/list-calls';
import { useI18n } from '../../../lib/i18n';
import { Link } from '../../../lib/router';

/** As many faces as fit beside the button on a 320 px screen. */
const SHOWN = 3;

export default function RecentPeople() {
  const { t } = useI18n();
  const [people, setPeople] = useState<CallParty[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    listCalls(abort.signal).then(
      ({ calls }) => {
        const byId = new Map<string, CallParty>();
        for (const { other } of calls) {
          if (!byId.has(other.contactId)) byId.set(other.contactId, other);
        }
        setPeople([...byId.values()].slice(0, SHOWN));
      },
      // Only faces are missing; "Call someone" still leads to everyone.
      () => {},
    );
    return () => abort.abort();
  }, []);

  if (people.length === 0) return null;
  return (
    <ul className="recent-people" data-testid="recent-people">
      {people.map((person) => (
        <li key={person.contactId}>
          <Link
            href={callBackPath(person.contactId)}
            className="recent-people__person"
            aria-label={t('history.call', { name: person.displayName })}
            data-testid="recent-person"
          >
            <Avatar name={person.displayName} pictureUrl={person.pictureUrl} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
