import { useEffect, useRef, useState } from 'react';
import { agentCallResult } from '../../../lib/agent-calls/agent-call-outcome';
import type { AgentCallView } from '../../../lib/agent-calls/agent-call-view';
import { useI18n } from '../../../lib/i18n';
import { getAgentCallTranscript, type TranscriptTurn } from '../api/get-agent-call-transcript';

type Loaded =
  { status: 'loading' } | { status: 'ready'; turns: TranscriptTurn[] } | { status: 'failed' };

/** What the assistant and I said on an agent call, and how it ended, from the bottom. */
export function TranscriptSheet({ call, onClose }: { call: AgentCallView; onClose(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    getAgentCallTranscript(call.sid, abort.signal).then(
      (turns) => setLoaded({ status: 'ready', turns }),
      () => !abort.signal.aborted && setLoaded({ status: 'failed' }),
    );
    return () => abort.abort();
  }, [call.sid]);

  // As the call sheet: no close() on cleanup (StrictMode's rehearsal unmount would fire onClose).
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  const result = agentCallResult(call, t);
  return (
    <dialog
      ref={dialog}
      className="sheet"
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && dialog.current.close()}
      aria-labelledby="transcript-sheet-title"
      data-testid="transcript-sheet"
    >
      <div className="sheet__panel">
        <h2 className="sheet__title" id="transcript-sheet-title" tabIndex={-1} autoFocus>
          {t('agentCall.transcript')}
        </h2>
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
                    {t(
                      turn.speaker === 'agent' ? 'agentCall.assistant' : 'agentCall.transcript.you',
                    )}
                  </span>
                  <span className="transcript__text">{turn.text}</span>
                </li>
              ))}
            </ol>
          ))}
        <button
          type="button"
          className="button button--block sheet__cancel"
          onClick={() => dialog.current?.close()}
        >
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
