import { useI18n } from '../../../lib/i18n';
import type { Caption } from '../hooks/use-live-captions';

/** The latest lines of the call under the assistant: what it said, and what it heard from you. */
export function LiveCaptions({ captions }: { captions: Caption[] }) {
  const { t } = useI18n();
  if (captions.length === 0) return null;
  return (
    <ol
      className="agent-captions"
      aria-label={t('agentCall.captions')}
      aria-live="polite"
      data-testid="live-captions"
    >
      {captions.map((caption) => (
        <li key={caption.id} className="agent-captions__line" data-speaker={caption.speaker}>
          <span className="agent-captions__who">
            {caption.speaker === 'agent' ? t('agentCall.assistant') : t('agentCall.captions.you')}
          </span>{' '}
          {caption.text}
        </li>
      ))}
    </ol>
  );
}
