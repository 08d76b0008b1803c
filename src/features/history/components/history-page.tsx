// Calls (lazy route): the people to call, recent calls (agent calls too), an invite for friends
// not here yet, and "call me now" for the assistant.
// `?callBack=<contact id>` (the missed-call message, an invite link) opens the call sheet for them.
// People are named by contact id, never by LINE user id (api/_lib/calls/call-view.ts); my own,
// which my invite link carries, comes with the call list.
import './history.css';
import { useState } from 'react';
import { Link, useLocation, useSearch } from '../../../lib/router';
import { BackLink } from '../../../components/back-link';
import { PhoneIcon } from '../../../components/call-icons';
import { InviteButton } from '../../../components/invite-button';
import { LanguageSwitcher } from '../../../components/language-switcher';
import {
  callBackPath,
  callPath,
  CONTACT_ID,
  isLive,
  type CallParty,
  type CallView,
} from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import { appLink, type LiffSession } from '../../../lib/liff';
import { useSession } from '../../../lib/session';
import { useCallHistory } from '../hooks/use-call-history';
import { AgentCallRow } from './agent-call-row';
import { CallRow } from './call-row';
import { CallSheet } from './call-sheet';
import { PeopleList } from './people-list';
import { TranscriptSheet } from './transcript-sheet';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';

export default function HistoryPage() {
  const session = useSession();
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const search = useSearch();
  const { state, retry } = useCallHistory();
  const [chosen, setChosen] = useState(() => {
    const id = new URLSearchParams(search).get('callBack');
    return id && CONTACT_ID.test(id) ? id : null;
  });

  const ready = state.status === 'ready' ? state : null;
  const { people, others } = peopleOf(ready?.calls ?? [], session);
  // Someone who invited me and whom I have never called is not listed yet: no name to show.
  const listed = [...people, ...others].find((person) => person.contactId === chosen);
  // Once the list is in: by then I know who is listed, and my own link opens no sheet.
  const chosenPerson: CallParty | null =
    chosen && ready && chosen !== ready.me.contactId
      ? (listed ?? { contactId: chosen, displayName: t('history.invitedYou'), pictureUrl: null })
      : null;
  const inviteLink = ready ? appLink(callBackPath(ready.me.contactId), session) : '';
  const invite = {
    link: inviteLink,
    message: t('history.invite.message', { name: session.profile.name, link: inviteLink }),
  };

  const [chosenCall, setChosenCall] = useState<CallView | undefined>();
  const [transcriptOf, setTranscriptOf] = useState<AgentCallView | undefined>();
  const openCall = (call: CallView) => {
    if (isLive(call.status)) return navigate(callPath(call.id));
    setChosen(call.other.contactId);
    setChosenCall(call);
  };

  return (
    <main className="history" data-testid="history-page">
      <header className="history__bar">
        <BackLink />
        <h1 className="history__title">{t('calls.title')}</h1>
        <LanguageSwitcher />
      </header>

      <InviteButton
        {...invite}
        label={t('history.invite')}
        className="button button--secondary button--block history__invite"
        testId="invite-friend"
        layout="inline"
        disabled={!ready}
      />
      <Link
        href="/agent-call"
        className="button button--secondary button--block history__call-me"
        data-testid="call-me-now-link"
      >
        <PhoneIcon />
        {t('agentCall.callMeNow')}
      </Link>

      {/* In dev, before any call, the other dev users are the only people: no empty heading. */}
      {(people.length > 0 || others.length === 0) && (
        <section className="history__section" aria-labelledby="people-heading">
          <h2 className="history__heading" id="people-heading">
            {t('history.people')}
          </h2>
          {people.length === 0 ? (
            <p className="history__empty">{t('history.people.empty')}</p>
          ) : (
            <PeopleList people={people} testId="people" onChoose={setChosen} />
          )}
        </section>
      )}

      {others.length > 0 && (
        <section className="history__section" aria-labelledby="others-heading">
          <h2 className="history__heading" id="others-heading">
            {t('history.people.dev')}
          </h2>
          <p className="history__hint">{t('history.people.devHint')}</p>
          <PeopleList people={others} testId="other-people" onChoose={setChosen} />
        </section>
      )}

      <section className="history__section" aria-labelledby="recent-heading">
        <h2 className="history__heading" id="recent-heading">
          {t('history.recent')}
        </h2>
        {state.status === 'loading' && <div className="spinner spinner--small" role="status" />}
        {state.status === 'failed' && (
          <div className="history__empty" role="alert">
            <p>{t('history.loadFailed')}</p>
            <button type="button" className="button button--secondary" onClick={retry}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {state.status === 'ready' &&
          (state.entries.length === 0 ? (
            <p className="history__empty">{t('history.empty')}</p>
          ) : (
            <ul className="list" data-testid="call-list">
              {state.entries.map((entry) =>
                entry.kind === 'call' ? (
                  <CallRow
                    key={entry.call.id}
                    call={entry.call}
                    now={state.loadedAt}
                    onOpen={openCall}
                  />
                ) : (
                  <AgentCallRow
                    key={entry.agentCall.sid}
                    agentCall={entry.agentCall}
                    now={state.loadedAt}
                    onTranscript={setTranscriptOf}
                  />
                ),
              )}
            </ul>
          ))}
      </section>

      {transcriptOf && (
        <TranscriptSheet
          key={transcriptOf.sid}
          call={transcriptOf}
          onClose={() => setTranscriptOf(undefined)}
        />
      )}
      {chosenPerson && (
        <CallSheet
          key={chosenPerson.contactId}
          person={chosenPerson}
          unknown={!listed}
          invite={invite}
          call={chosenCall?.other.contactId === chosenPerson.contactId ? chosenCall : undefined}
          onClose={() => {
            setChosen(null);
            setChosenCall(undefined);
          }}
        />
      )}
    </main>
  );
}

/**
 * `people`: everyone I have called or been called by, latest first; they have opened the app, so
 * they can be called. `others`: in dev mode, the dev users not among them, who may never have
 * opened it (the sheet offers the invite when the server says so).
 */
function peopleOf(
  calls: CallView[],
  session: LiffSession,
): { people: CallParty[]; others: CallParty[] } {
  const people = new Map<string, CallParty>();
  for (const call of calls) {
    if (!people.has(call.other.contactId)) people.set(call.other.contactId, call.other);
  }
  const others = (session.dev?.users ?? [])
    .filter((user) => user.userId !== session.profile.userId && !people.has(user.contactId))
    .map((user) => ({
      contactId: user.contactId,
      displayName: user.displayName,
      pictureUrl: user.pictureUrl,
    }));
  return { people: [...people.values()], others };
}
