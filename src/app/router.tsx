import { lazy, Suspense } from 'react';
import { Link, Route, Switch } from 'wouter';
import { MessageScreen } from '../components/message-screen';
import { Splash } from '../components/splash';
import { SetupPage } from '../features/setup/components/setup-page';
import { useI18n } from '../lib/i18n';

// livekit-client and the components are only in the meeting, call and agent call chunks.
const MeetingPage = lazy(() => import('../features/conference/components/meeting-page'));
const CallPage = lazy(() => import('../features/call/components/call-page'));
const HistoryPage = lazy(() => import('../features/history/components/history-page'));
const CallMeNowPage = lazy(() => import('../features/agent-call/components/call-me-now-page'));
const AgentCallPage = lazy(() => import('../features/agent-call/components/agent-call-page'));

export function AppRouter() {
  const { t } = useI18n();
  return (
    <Switch>
      <Route path="/" component={SetupPage} />
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
