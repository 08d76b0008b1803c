// Nothing below this renders until LIFF has initialised and the user is signed in: init()
// restores the deep-link path from liff.state, so the router must not read the location earlier.
import { useEffect, useState, type ReactNode } from 'react';
import { MessageScreen } from '../components/message-screen';
import { Splash } from '../components/splash';
import { useI18n } from '../lib/i18n';
import { LiffBootError, type LiffSession } from '../lib/liff';
import { SessionContext } from '../lib/session';
import { boot } from './boot';

type BootState =
  | { status: 'starting' }
  | { status: 'ready'; session: LiffSession }
  | { status: 'redirecting' }
  | { status: 'failed'; message: string };

export function BootGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [state, setState] = useState<BootState>({ status: 'starting' });

  useEffect(() => {
    boot().then(
      (session) => setState({ status: 'ready', session }),
      (error: unknown) => {
        if (error instanceof LiffBootError && error.redirecting) {
          setState({ status: 'redirecting' });
        } else {
          setState({
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      },
    );
  }, []);

  switch (state.status) {
    case 'starting':
      return <Splash label={t('boot.loading')} />;
    case 'redirecting':
      return <Splash label={t('boot.redirecting')} />;
    case 'failed':
      return (
        <MessageScreen
          title={t('boot.failed')}
          testId="boot-error"
          actions={
            // LIFF cannot be initialised twice in one page, so trying again means reloading.
            <button
              type="button"
              className="button button--primary"
              onClick={() => location.reload()}
            >
              {t('common.retry')}
            </button>
          }
        >
          <p className="message__detail">{state.message}</p>
        </MessageScreen>
      );
    case 'ready':
      return <SessionContext value={state.session}>{children}</SessionContext>;
  }
}
