// One live call on the monitor: who, its state and running time, the latest turns of its
// transcript, and Listen in / Take over / Hang up.
import type { LiveCampaignCall } from '../../../../api/_lib/console-contract';
import { calleeName, callStatusName, clock } from '../console-words';
import type { useOperatorRoom } from '../hooks/use-operator-room';

const LATEST_TURNS = 4;

export function LiveCallCard({
  call,
  serverNow,
  operatorRoom,
  hangUp,
  onHangUp,
}: {
  call: LiveCampaignCall;
  serverNow: number;
  operatorRoom: ReturnType<typeof useOperatorRoom>;
  /** 'hanging-up', or why it failed. */
  hangUp: string | undefined;
  onHangUp: () => void;
}) {
  const name = calleeName(call.callee);
  const since = Date.parse(call.answeredAt ?? call.startedAt);
  const room = operatorRoom.state;
  const mine = room.status !== 'off' && room.sid === call.sid ? room : null;
  const busy = mine?.status === 'joining';
  return (
    <li
      className="live-call"
      aria-label={`Call with ${name}`}
      data-testid={`live-call-${call.sid}`}
    >
      <div className="live-call__head">
        <strong>{name}</strong>
        <span className={`call-state call-state--${call.status}`}>
          {callStatusName(call.status)}
        </span>
        {call.takenOverBy && <span className="badge badge--paused">Taken over</span>}
        <span className="live-call__time" aria-label="duration">
          {clock((serverNow - since) / 1000)}
        </span>
      </div>
      {(call.callee.name || call.attempt > 1) && (
        <p className="muted small live-call__sub">
          {[
            call.callee.name && (call.callee.phone ?? call.callee.lineUserId),
            call.attempt > 1 && `attempt ${call.attempt}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      <ol className="transcript" aria-label={`Transcript with ${name}`}>
        {call.transcript.length === 0 && <li className="muted small">Nothing said yet</li>}
        {call.transcript.slice(-LATEST_TURNS).map((turn) => (
          <li key={`${turn.at}-${turn.speaker}`} className={`turn turn--${turn.speaker}`}>
            <span className="turn__speaker">{turn.speaker === 'agent' ? 'Agent' : name}:</span>{' '}
            {turn.text}
          </li>
        ))}
      </ol>
      <div className="live-call__actions">
        <button
          type="button"
          className="console-button"
          disabled={busy || (mine?.status === 'in-room' && mine.mode === 'listen')}
          onClick={() => operatorRoom.join(call, name, 'listen')}
        >
          Listen in
        </button>
        <button
          type="button"
          className="console-button console-button--primary"
          disabled={busy || (mine?.status === 'in-room' && mine.mode === 'take-over')}
          onClick={() => operatorRoom.join(call, name, 'take-over')}
        >
          Take over
        </button>
        <button
          type="button"
          className="console-button console-button--danger"
          disabled={hangUp === 'hanging-up'}
          onClick={onHangUp}
        >
          {hangUp === 'hanging-up' ? 'Hanging up…' : 'Hang up'}
        </button>
      </div>
      {hangUp && hangUp !== 'hanging-up' && (
        <p className="form-error" role="alert">
          {hangUp}
        </p>
      )}
    </li>
  );
}
