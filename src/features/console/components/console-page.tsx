// The campaign console: operators at a desk, in a normal browser, signed in the way the app is
// (the LIFF ID token as the API's bearer token). Who they are comes first (GET /me); anyone not
// in `operators` gets the 403 `not_an_operator` page, and only admins see the analytics and the
// team.
import './console.css';
import { MessageScreen } from '../../../components/message-screen';
import { Link, Route, Switch } from '../../../lib/router';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { getMe } from '../api/console-api';
import { ROLE_NAMES } from '../console-words';
import { useLoad } from '../hooks/use-load';
import { AnalyticsPage } from './analytics-page';
import { CampaignListPage } from './campaign-list-page';
import { CampaignPage } from './campaign-page';
import { DoNotCallPage } from './do-not-call-page';
import { AdminsOnly, LoadFailed, Loading } from './load-states';
import { ResultsPage } from './results-page';
import { TeamPage } from './team-page';

export default function ConsolePage() {
  // The rest of the console is in English for now; whoever is turned away reads it in their own
  // language (they may be any LINE user who followed a link).
  const { t } = useI18n();
  const [me, reload] = useLoad('me', (signal) => getMe({ signal }));
  if (me.status === 'loading') {
    return (
      <div className="console console--center">
        <Loading label="Signing you in to the console…" />
      </div>
    );
  }
  if (me.status === 'failed') {
    if (me.error instanceof ApiError && me.error.code === 'not_an_operator') {
      return (
        <MessageScreen title={t('console.notOperator.title')} tone="info" testId="not-an-operator">
          <p>{t('console.notOperator.detail')}</p>
        </MessageScreen>
      );
    }
    return (
      <div className="console console--center">
        <LoadFailed what="the console" error={me.error} onRetry={reload} />
      </div>
    );
  }
  const operator = me.value;
  return (
    <div className="console">
      <header className="console-header">
        <Link href="/console" className="console-header__title">
          Campaign console
        </Link>
        <nav aria-label="Console">
          <Link href="/console">Campaigns</Link>
          <Link href="/console/do-not-call">Do not call</Link>
          {operator.role === 'admin' && <Link href="/console/team">Team</Link>}
          {operator.role === 'admin' && <Link href="/console/analytics">Agent call analytics</Link>}
        </nav>
        <span className="console-header__who" data-testid="operator">
          {operator.displayName} · {ROLE_NAMES[operator.role]}
        </span>
      </header>
      <main className="console-main">
        <Switch>
          <Route path="/console">
            <CampaignListPage />
          </Route>
          <Route path="/console/campaigns/:id">
            {({ id }) => <CampaignPage key={id} id={id} />}
          </Route>
          <Route path="/console/campaigns/:id/results">
            {({ id }) => <ResultsPage key={id} id={id} />}
          </Route>
          <Route path="/console/do-not-call">
            <DoNotCallPage me={operator} />
          </Route>
          <Route path="/console/team">
            {operator.role === 'admin' ? (
              <TeamPage me={operator} />
            ) : (
              <AdminsOnly>
                Only admins manage the team. Ask an admin to add, promote or remove operators.
              </AdminsOnly>
            )}
          </Route>
          <Route path="/console/analytics">
            {operator.role === 'admin' ? (
              <AnalyticsPage />
            ) : (
              <AdminsOnly>Only admins see the analytics of agent calls.</AdminsOnly>
            )}
          </Route>
          <Route>
            <p role="alert">
              No such console page. <Link href="/console">Go to the campaigns</Link>
            </p>
          </Route>
        </Switch>
      </main>
    </div>
  );
}
