import { Link } from '../../../lib/router';
import { AssistantAvatar } from '../../../components/assistant-avatar';
import { agentCallFailure, agentCallOutcome } from '../../../lib/agent-calls/agent-call-outcome';
import {
  agentCallTitle,
  isAgentCallLive,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { useI18n } from '../../../lib/i18n';
import type { AgentCallAction } from '../api/act-on-agent-call';
import { RetryOffer } from './retry-offer';

interface AgentCallOverScreenProps {
  call: AgentCallView;
  /** I hung up here: the call is over for me even before the server has heard. */
  hungUp: boolean;
  pending: AgentCallAction | null;
  actionError: unknown;
  onRetry(): void;
}

/** How the call ended; after a missed call, "call me again"; else the ways on. */
export function AgentCallOverScreen(props: AgentCallOverScreenProps) {
  const { call, hungUp } = props;
  const { t, locale } = useI18n();
  const missed = call.status === 'missed' || call.status === 'busy';
  const when = new Date(call.endedAt ?? call.createdAt).toLocaleTimeString(locale, {
    hour: 'numeric',
    minute: '2-digit',
  });
  // Until the server has heard of the hang-up, the call is over for me all the same; after that,
  // the same words as in the Calls list (agentCallOutcome).
  const title = missed
    ? t(call.status === 'busy' ? 'agentCall.outcome.busy' : 'agentCall.missed')
    : hungUp && isAgentCallLive(call.status)
      ? t('calls.outcome.ended')
      : agentCallOutcome(call, t);
  return (
    <main className="call call--over" data-testid="agent-call-page" data-status={call.status}>
      <section className="call__who">
        <AssistantAvatar size="large" />
        <p className="call__name">{agentCallTitle(call) ?? t('agentCall.assistant')}</p>
        <h1 className="call__title" data-testid="agent-call-outcome">
          {title}
        </h1>
        <p className="call__kind">
          {t('agentCall.kind')} · {when}
        </p>
        {call.status === 'failed' && (
          <p className="agent-call__note" data-testid="agent-call-failure">
            {agentCallFailure(call, t)}
          </p>
        )}
      </section>
      <footer className="call__over-actions">
        {missed ? (
          <RetryOffer {...props} />
        ) : (
          <Link
            href="/agent-call"
            className="button button--primary button--block"
            data-testid="call-me-now-link"
          >
            {t('agentCall.callMeNow')}
          </Link>
        )}
        <Link
          href="/history"
          className="button button--block call__back"
          data-testid="back-to-calls"
        >
          {t('call.backToCalls')}
        </Link>
      </footer>
    </main>
  );
}
