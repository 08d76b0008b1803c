// Calls (lazy route): the people to call, recent calls (agent calls too), an invite for friends
// not here yet, and "call me now" for the assistant.
// `?callBack=<user id>` (the missed-call message, an invite link) opens the call sheet for them.
import './history.css';
import { useState } from 'react';
import { Link, useLocation, useSearch } from '../../../lib/router';
import { PhoneIcon } from '../../../components/call-icons';
import { InviteButton } from '../../../components/invite-button';
import { LanguageSwitcher } from '../../../components/language-switcher';
import {
  callBackPath,
  callPath,
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

const LINE_USER_ID = /^U[0-9a-f]{32}$/;

export default function HistoryPage() {
  const session = useSession();
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const search = useSearch();
  const { state, retry } = useCallHistory();
  const [chosen, setChosen] = useState(() => {
    const id = new URLSearchParams(search).get('callBack');
    return id && LINE_USER_ID.test(id) && id !== session.profile.userId ? id : null;
  });

  const calls = state.status === 'ready' ? state.calls : [];
  const { people, others } = peopleOf(calls, session);
  // Someone who invited me and whom I have never called is not listed yet: no name to show.
  const listed = [...people, ...others].find((person) => person.id === chosen);
  const chosenPerson: CallParty | null = chosen
    ? (listed ?? { id: chosen, displayName: t('history.invitedYou'), pictureUrl: null })
    : null;
  const inviteLink = appLink(callBackPath(session.profile.userId), session);
  const invite = {
    link: inviteLink,
    message: t('history.invite.message', { name: session.profile.name, link: inviteLink }),
  };

  const [chosenCall, setChosenCall] = useState<CallView | undefined>();
  const openCall = (call: CallView) => {
    if (isLive(call.status)) return navigate(callPath(call.id));
    setChosen(call.other.id);
    setChosenCall(call);
  };

  return (
    <main className="history" data-testid="history-page">
      <header className="history__bar">
        <Link href="/" className="history__back">
          ‹ {t('common.back')}
        </Link>
        <h1 className="history__title">{t('calls.title')}</h1>
        <LanguageSwitcher />
      </header>

      <InviteButton
        {...invite}
        label={t('history.invite')}
        className="button button--secondary button--block history__invite"
        testId="invite-friend"
        layout="inline"
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
                  />
                ),
              )}
            </ul>
          ))}
      </section>

      {chosenPerson && (
        <CallSheet
          key={chosenPerson.id}
          person={chosenPerson}
          unknown={!listed}
          invite={invite}
          call={chosenCall?.other.id === chosenPerson.id ? chosenCall : undefined}
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
  for (const call of calls) if (!people.has(call.other.id)) people.set(call.other.id, call.other);
  const others = (session.dev?.users ?? [])
    .filter((user) => user.userId !== session.profile.userId && !people.has(user.userId))
    .map((user) => ({
      id: user.userId,
      displayName: user.displayName,
      pictureUrl: user.pictureUrl,
    }));
  return { people: [...people.values()], others };
}
