import { ActionErrorBanner } from '../../../components/action-error-banner';
import { AssistantAvatar } from '../../../components/assistant-avatar';
import { HangUpIcon, PhoneIcon } from '../../../components/call-icons';
import { RingingLayout } from '../../../components/ringing-layout';
import { RoundAction } from '../../../components/round-action';
import { agentCallTitle, type AgentCallView } from '../../../lib/agent-calls/agent-call-view';
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
    <RingingLayout
      marks={{ testId: 'agent-call-page', status: call.status }}
      backdrop={<ActionErrorBanner error={actionError} />}
      avatar={<AssistantAvatar size="large" />}
      title={agentCallTitle(call) ?? t('agentCall.assistant')}
      titleTestId="agent-call-name"
      kind={
        <>
          <PhoneIcon size={18} />
          {call.requestedBy === 'retry' ? t('agentCall.callBack') : t('agentCall.kind')}
        </>
      }
      deadline={call.ringDeadline}
      actions={
        <>
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
        </>
      }
    />
  );
}
