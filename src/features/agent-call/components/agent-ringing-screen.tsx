import { AssistantAvatar } from '../../../components/assistant-avatar';
import { HangUpIcon, PhoneIcon } from '../../../components/call-icons';
import { RingCountdown } from '../../../components/ring-countdown';
import { RoundAction } from '../../../components/round-action';
import { agentCallTitle, type AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import { errorCode } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import type { AgentCallAction } from '../api/act-on-agent-call';

interface AgentRingingScreenProps {
  call: AgentCallView;
  pending: AgentCallAction | null;
  actionError: unknown;
  onAccept(): void;
  onNotNow(): void;
}

/** The assistant is calling (opened from the Calls list or a reload): Not now, or Accept. */
export function AgentRingingScreen(props: AgentRingingScreenProps) {
  const { call, pending, actionError, onAccept, onNotNow } = props;
  const { t } = useI18n();
  return (
    <main className="call call--ringing" data-testid="agent-call-page" data-status={call.status}>
      {actionError !== null && (
        <div className="call-banner" role="alert" data-testid="action-error">
          {t('call.actionFailed', { code: errorCode(actionError) })}
        </div>
      )}
      <section className="call__who">
        <AssistantAvatar size="large" />
        <h1 className="call__title" data-testid="agent-call-name">
          {agentCallTitle(call) ?? t('agentCall.assistant')}
        </h1>
        <p className="call__kind">
          <PhoneIcon size={18} />
          {call.requestedBy === 'retry' ? t('agentCall.callBack') : t('agentCall.kind')}
        </p>
        <RingCountdown deadline={call.ringDeadline} />
      </section>
      <footer className="call__actions">
        <RoundAction
          label={t('agentCall.notNow')}
          tone="end"
          icon={<HangUpIcon size={30} />}
          onClick={onNotNow}
          disabled={pending !== null}
          testId="not-now-button"
        />
        <RoundAction
          label={t('call.accept')}
          tone="accept"
          icon={<PhoneIcon size={30} />}
          onClick={onAccept}
          disabled={pending !== null}
          testId="accept-button"
        />
      </footer>
    </main>
  );
}
