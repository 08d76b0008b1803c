import { AssistantAvatar } from '../../../components/assistant-avatar';
import { PhoneIcon } from '../../../components/call-icons';
import { agentCallOutcome } from '../../../lib/agent-calls/agent-call-outcome';
import {
  agentCallPath,
  agentCallTitle,
  isAgentCallLive,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { useI18n } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { CallRowContent } from './call-row-content';

/** One agent call: the assistant, "Agent call", how it went, when; opens its page. */
export function AgentCallRow({ agentCall, now }: { agentCall: AgentCallView; now: number }) {
  const { t } = useI18n();
  return (
    <li>
      <Link
        href={agentCallPath(agentCall.sid)}
        className="list-row"
        data-testid="agent-call-row"
        data-status={agentCall.status}
      >
        <CallRowContent
          avatar={<AssistantAvatar />}
          name={agentCallTitle(agentCall) ?? t('agentCall.assistant')}
          missed={agentCall.status === 'missed' || agentCall.status === 'busy'}
          kind={
            <>
              <PhoneIcon size={16} />
              <span className="list-row__kind">{t('agentCall.kind')} ·</span>
            </>
          }
          outcome={agentCallOutcome(agentCall, t, true)}
          live={isAgentCallLive(agentCall.status)}
          createdAt={agentCall.createdAt}
          now={now}
        />
      </Link>
    </li>
  );
}
