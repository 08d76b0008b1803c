// "Call me now" (lazy route, no media code): one tap asks the agent to call me in LINE. The LIFF
// window closes 2 s after success so the incoming call's message is in view
// (docs/decisions.md#call-me-now-closes-the-window); outside LINE, the call's own page takes over.
import './agent-call.css';
import { useEffect, useState } from 'react';
import { Link, useLocation } from '../../../lib/router';
import { AssistantAvatar } from '../../../components/assistant-avatar';
import { BackLink } from '../../../components/back-link';
import { LanguageSwitcher } from '../../../components/language-switcher';
import {
  agentCallPath,
  isAgentCallRinging,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { ApiError, errorCode } from '../../../lib/api-client';
import { useI18n, type Translate } from '../../../lib/i18n';
import { closeLiffWindow } from '../../../lib/liff-close-window';
import { useSession } from '../../../lib/session';
import { startAgentCall } from '../api/start-agent-call';
import { useLiveAgentCall } from '../hooks/use-live-agent-call';

/** How long "Calling you now…" stays before the window closes. */
const CLOSE_AFTER_MS = 2_000;

type StartState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'started'; sid: string }
  | { status: 'failed'; error: unknown };

export default function CallMeNowPage() {
  const { profile, dev } = useSession();
  const { t, tRich, locale } = useI18n();
  const [, navigate] = useLocation();
  const [state, setState] = useState<StartState>({ status: 'idle' });
  const check = useLiveAgentCall();

  const start = async () => {
    setState({ status: 'starting' });
    try {
      const call = await startAgentCall(profile.userId, locale);
      setState({ status: 'started', sid: call.sid });
    } catch (error) {
      // The server refused a second call while one is live: go to that one.
      const live = liveCallOf(error);
      if (live) navigate(agentCallPath(live.sid));
      else setState({ status: 'failed', error });
    }
  };
  const live = check.status === 'checked' ? check.live : null;

  const startedSid = state.status === 'started' ? state.sid : null;
  useEffect(() => {
    if (!startedSid) return;
    const timer = setTimeout(() => {
      void closeLiffWindow().then((closed) => {
        if (!closed) navigate(agentCallPath(startedSid), { replace: true });
      });
    }, CLOSE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [startedSid, navigate]);

  return (
    <main className="call-me-now" data-testid="call-me-now-page" data-state={state.status}>
      <header className="call-me-now__bar">
        <BackLink />
        <LanguageSwitcher />
      </header>
      <section className="call-me-now__body">
        <AssistantAvatar size="large" />
        {live && !startedSid ? (
          <div role="status" data-testid="call-me-now-live">
            <h1 className="call-me-now__title">
              {t(isAgentCallRinging(live.status) ? 'agentCall.live.ringing' : 'agentCall.live.on')}
            </h1>
            <p className="call-me-now__line">{t('agentCall.live.hint')}</p>
          </div>
        ) : startedSid ? (
          <div role="status" data-testid="call-me-now-started">
            <h1 className="call-me-now__title">{t('agentCall.calling')}</h1>
            <p className="call-me-now__line">{t('agentCall.callingHint')}</p>
          </div>
        ) : (
          <>
            <h1 className="call-me-now__title">{t('agentCall.callMeNow')}</h1>
            <p className="call-me-now__line">{t('agentCall.intro')}</p>
          </>
        )}
      </section>
      {live && !startedSid && (
        <footer className="call-me-now__actions">
          <Link
            href={agentCallPath(live.sid)}
            className="button button--primary button--block call-me-now__button"
            data-testid="open-live-agent-call"
          >
            {t('agentCall.live.open')}
          </Link>
        </footer>
      )}
      {!live && !startedSid && (
        <footer className="call-me-now__actions">
          {state.status === 'failed' && (
            <div className="call-me-now__error" role="alert" data-testid="call-me-now-error">
              <p>{startError(state.error, t)}</p>
              {/* Locally, a failed start is nearly always LiveKit not running. */}
              {dev && state.error instanceof ApiError && state.error.status >= 500 && (
                <p className="call-me-now__hint">
                  {tRich('meeting.unreachable.hint', {
                    command: <code>livekit-server --dev</code>,
                    env: <code>LIVEKIT_URL</code>,
                  })}
                </p>
              )}
            </div>
          )}
          <button
            type="button"
            className="button button--primary button--block call-me-now__button"
            onClick={() => void start()}
            disabled={state.status === 'starting' || check.status === 'checking'}
            data-testid="call-me-now-button"
          >
            {t('agentCall.callMeNow')}
          </button>
        </footer>
      )}
    </main>
  );
}

/** A 409 naming the agent call already live for me. */
function liveCallOf(error: unknown): AgentCallView | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const call = error.details.agentCall as AgentCallView | undefined;
  return call?.sid ? call : null;
}

/** Why the call could not start, in plain words. */
function startError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('meeting.error.other', { code: errorCode(error) });
  if (error.status === 0) return t('meeting.error.network');
  if (error.status === 401) return t('meeting.error.unauthenticated');
  if (error.status === 429) return t('meeting.error.rateLimited');
  if (error.status >= 500) return t('agentCall.startFailed');
  return t('meeting.error.other', { code: error.code });
}
