import { useEffect, useState } from 'react';
import { agentCallResult } from '../../../lib/agent-calls/agent-call-outcome';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import { useI18n } from '../../../lib/i18n';
import { getAgentCallTranscript, type TranscriptTurn } from '../api/get-agent-call-transcript';
import { BottomSheet } from './bottom-sheet';

type Loaded =
  { status: 'loading' } | { status: 'ready'; turns: TranscriptTurn[] } | { status: 'failed' };

/** What the assistant and I said on an agent call, and how it ended, from the bottom. */
export function TranscriptSheet({ call, onClose }: { call: AgentCallView; onClose(): void }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    getAgentCallTranscript(call.sid, abort.signal).then(
      (turns) => setLoaded({ status: 'ready', turns }),
      () => !abort.signal.aborted && setLoaded({ status: 'failed' }),
    );
    return () => abort.abort();
  }, [call.sid]);

  const result = agentCallResult(call, t);
  return (
    <BottomSheet
      testId="transcript-sheet"
      title={t('agentCall.transcript')}
      closeLabel={t('common.close')}
      onClose={onClose}
    >
      {result && (
        <p className="transcript__result" data-testid="transcript-result">
          {result}
        </p>
      )}
      {loaded.status === 'failed' && (
        <p className="sheet__error" role="alert">
          {t('agentCall.transcript.loadFailed')}
        </p>
      )}
      {loaded.status === 'ready' &&
        (loaded.turns.length === 0 ? (
          <p className="transcript__empty">{t('agentCall.transcript.empty')}</p>
        ) : (
          <ol className="transcript" data-testid="transcript">
            {loaded.turns.map((turn, index) => (
              <li
                key={index}
                className={`transcript__turn transcript__turn--${turn.speaker}`}
                data-testid="transcript-turn"
                data-speaker={turn.speaker}
              >
                <span className="transcript__speaker">
                  {t(turn.speaker === 'agent' ? 'agentCall.assistant' : 'agentCall.transcript.you')}
                </span>
                <span className="transcript__text">{turn.text}</span>
              </li>
            ))}
          </ol>
        ))}
    </BottomSheet>
  );
}
