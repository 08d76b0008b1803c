import { Link } from '../../../lib/router';
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
import { relativeTime } from '../relative-time';

/** One agent call: the assistant, "Agent call", how it went, when; opens its page. */
export function AgentCallRow({ agentCall, now }: { agentCall: AgentCallView; now: number }) {
  const { t, locale } = useI18n();
  const missed = agentCall.status === 'missed' || agentCall.status === 'busy';
  const live = isAgentCallLive(agentCall.status);
  return (
    <li>
      <Link
        href={agentCallPath(agentCall.sid)}
        className="list-row"
        data-testid="agent-call-row"
        data-status={agentCall.status}
      >
        <AssistantAvatar />
        <span className="list-row__main">
          <span className={`list-row__name${missed ? ' list-row__name--missed' : ''}`}>
            {agentCallTitle(agentCall) ?? t('agentCall.assistant')}
          </span>
          <span className="list-row__meta">
            <PhoneIcon size={16} />
            <span className="list-row__kind">{t('agentCall.kind')} ·</span>
            <span className={live ? 'list-row__live' : undefined} data-testid="call-outcome">
              {agentCallOutcome(agentCall, t, true)}
            </span>
          </span>
        </span>
        <time className="list-row__time" dateTime={agentCall.createdAt}>
          {relativeTime(agentCall.createdAt, now, locale)}
        </time>
      </Link>
    </li>
  );
}
