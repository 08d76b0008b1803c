import { Suspense } from 'react';
import { MessageScreen } from '../components/message-screen';
import { Splash } from '../components/splash';
import { SetupPage } from '../features/setup/components/setup-page';
import { lazyWithStrings, useI18n } from '../lib/i18n';
import { Link, Route, Switch, useLocation } from '../lib/router';
import {
  loadAgentCallPage,
  loadCallMeNowPage,
  loadCallPage,
  loadConsolePage,
  loadHistoryPage,
  loadMeetingPage,
} from './pages';

const MeetingPage = lazyWithStrings(loadMeetingPage);
const CallPage = lazyWithStrings(loadCallPage);
const HistoryPage = lazyWithStrings(loadHistoryPage);
const CallMeNowPage = lazyWithStrings(loadCallMeNowPage);
const AgentCallPage = lazyWithStrings(loadAgentCallPage);
const ConsolePage = lazyWithStrings(loadConsolePage);

/** Every path under /console is the console's: it routes within itself, staying mounted. */
const isConsolePath = (path: string) => /^\/console(\/|$)/i.test(path);

export function AppRouter() {
  const { t } = useI18n();
  const [location] = useLocation();
  if (isConsolePath(location)) {
    return (
      <Suspense fallback={<Splash label={t('boot.loading')} />}>
        <ConsolePage />
      </Suspense>
    );
  }
  return (
    <Switch>
      <Route path="/">
        <SetupPage />
      </Route>
      <Route path="/meeting/:room">
        {(params) => (
          <Suspense fallback={<Splash label={t('meeting.connecting', { room: params.room })} />}>
            <MeetingPage key={params.room} room={params.room} />
          </Suspense>
        )}
      </Route>
      <Route path="/history">
        <Suspense fallback={<Splash label={t('call.loading')} />}>
          <HistoryPage />
        </Suspense>
      </Route>
      <Route path="/call/:id">
        {(params) => (
          <Suspense fallback={<Splash label={t('call.loading')} />}>
            <CallPage key={params.id} id={params.id} />
          </Suspense>
        )}
      </Route>
      <Route path="/agent-call">
        <Suspense fallback={<Splash label={t('agentCall.callMeNow')} />}>
          <CallMeNowPage />
        </Suspense>
      </Route>
      <Route path="/agent-call/:sid">
        {(params) => (
          <Suspense fallback={<Splash label={t('call.loading')} />}>
            <AgentCallPage key={params.sid} sid={params.sid} />
          </Suspense>
        )}
      </Route>
      <Route>
        <MessageScreen
          title={t('notFound.title')}
          tone="info"
          actions={
            <Link href="/" className="button button--primary">
              {t('notFound.home')}
            </Link>
          }
        />
      </Route>
    </Switch>
  );
}
