import { AssistantAvatar } from '../../../components/assistant-avatar';
import { PhoneIcon } from '../../../components/call-icons';
import { agentCallOutcome, agentCallResult } from '../../../lib/agent-calls/agent-call-outcome';
import {
  agentCallPath,
  agentCallTitle,
  isAgentCallLive,
  type AgentCallView,
} from '../../../lib/agent-calls/agent-call-view';
import { useI18n } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { CallRowContent } from './call-row-content';

interface AgentCallRowProps {
  agentCall: AgentCallView;
  now: number;
  onTranscript(agentCall: AgentCallView): void;
}

/**
 * One agent call: the assistant, "Agent call", how it went and what it came to ("2:31 ·
 * Confirmed"), when; opens its page. A call that was held offers its transcript beside it.
 */
export function AgentCallRow({ agentCall, now, onTranscript }: AgentCallRowProps) {
  const { t } = useI18n();
  const result = agentCallResult(agentCall, t);
  const outcome = agentCallOutcome(agentCall, t, true);
  const held = agentCall.status === 'ended' || agentCall.outcome !== null;
  return (
    <li className={held ? 'list-item--split' : undefined}>
      <Link
        href={agentCallPath(agentCall.sid)}
        className="list-row"
        data-testid="agent-call-row"
        data-status={agentCall.status}
        data-outcome={agentCall.outcome ?? undefined}
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
          outcome={result ? `${outcome} · ${result}` : outcome}
          live={isAgentCallLive(agentCall.status)}
          createdAt={agentCall.createdAt}
          now={now}
        />
      </Link>
      {held && (
        <button
          type="button"
          className="list-row__side"
          onClick={() => onTranscript(agentCall)}
          data-testid="agent-call-transcript-button"
        >
          {t('agentCall.transcript')}
        </button>
      )}
    </li>
  );
}
