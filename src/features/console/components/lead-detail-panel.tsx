// One lead: each attempt at it (state, outcome, times, why it failed) with its transcript.
import { useEffect, useRef } from 'react';
import type { Lead, LeadAttempt } from '../../../../api/_lib/console-contract';
import { getLeadDetail } from '../api/console-api';
import { callStatusName, clock, outcomeName } from '../console-words';
import { useLoad } from '../hooks/use-load';
import { leadCallee } from './lead-table';
import { LoadFailed, Loading } from './load-states';

export function LeadDetailPanel({
  campaignId,
  lead,
  onClose,
}: {
  campaignId: string;
  lead: Lead;
  onClose: () => void;
}) {
  const [detail, reload] = useLoad(`lead-${lead.id}`, (signal) =>
    getLeadDetail(campaignId, lead.id, { signal }),
  );
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const name = leadCallee(lead);
  return (
    <dialog ref={dialog} className="lead-detail" aria-label={`Lead ${name}`} onClose={onClose}>
      <div className="console-title">
        <h2>{name}</h2>
        <button type="button" className="console-button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <p className="muted small">
        {lead.phone ?? lead.lineUserId} · {lead.timeZone}
        {Object.entries(lead.fields).map(
          ([field, value]) => ` · ${field.replace(/_/g, ' ')}: ${value}`,
        )}
      </p>
      {detail.status === 'loading' && <Loading label="Loading the attempts…" />}
      {detail.status === 'failed' && (
        <LoadFailed what="this lead" error={detail.error} onRetry={reload} />
      )}
      {detail.status === 'loaded' &&
        (detail.value.attempts.length === 0 ? (
          <p className="muted">Not called yet.</p>
        ) : (
          <ol className="attempts">
            {detail.value.attempts.map((attempt) => (
              <AttemptView key={attempt.sid} attempt={attempt} />
            ))}
          </ol>
        ))}
    </dialog>
  );
}

function AttemptView({ attempt }: { attempt: LeadAttempt }) {
  return (
    <li className="attempt">
      <h3>
        Attempt {attempt.attempt}: {callStatusName(attempt.status)}
        {attempt.outcome && ` · ${outcomeName(attempt.outcome)}`}
      </h3>
      <p className="muted small">
        {new Date(attempt.startedAt).toLocaleString()}
        {attempt.durationSeconds !== null && ` · ${clock(attempt.durationSeconds)}`}
        {attempt.failureReason && ` · ${attempt.failureReason}`}
      </p>
      {attempt.transcript.length > 0 && (
        <ol className="transcript" aria-label={`Transcript of attempt ${attempt.attempt}`}>
          {attempt.transcript.map((turn) => (
            <li key={`${turn.at}-${turn.speaker}`} className={`turn turn--${turn.speaker}`}>
              <span className="turn__speaker">
                {turn.speaker === 'agent' ? 'Agent' : 'Callee'}:
              </span>{' '}
              {turn.text}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
