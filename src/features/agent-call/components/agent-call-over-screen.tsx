import { AssistantAvatar } from '../../../components/assistant-avatar';
import { CallOverLayout } from '../../../components/call-over-layout';
import {
  agentCallFailure,
  agentCallOutcome,
  agentCallResult,
} from '../../../lib/agent-calls/agent-call-outcome';
import {
  agentCallTitle,
  isAgentCallLive,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { useI18n } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
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
  const { t } = useI18n();
  const missed = call.status === 'missed' || call.status === 'busy';
  const result = agentCallResult(call, t);
  // Until the server has heard of the hang-up, the call is over for me all the same; after that,
  // the same words as in the Calls list (agentCallOutcome).
  const title = missed
    ? t(call.status === 'busy' ? 'agentCall.outcome.busy' : 'agentCall.missed')
    : hungUp && isAgentCallLive(call.status)
      ? t('calls.outcome.ended')
      : agentCallOutcome(call, t);
  return (
    <CallOverLayout
      marks={{ testId: 'agent-call-page', status: call.status }}
      avatar={<AssistantAvatar size="large" />}
      name={agentCallTitle(call) ?? t('agentCall.assistant')}
      outcome={title}
      outcomeTestId="agent-call-outcome"
      kind={t('agentCall.kind')}
      at={call.endedAt ?? call.createdAt}
      note={
        <>
          {call.status === 'failed' && (
            <p className="agent-call__note" data-testid="agent-call-failure">
              {agentCallFailure(call, t)}
            </p>
          )}
          {result && (
            <p className="agent-call__note" data-testid="agent-call-result">
              {result}
            </p>
          )}
        </>
      }
    >
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
    </CallOverLayout>
  );
}
