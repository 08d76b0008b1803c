// What the operator is doing in a call right now: listening, speaking (the agent has left), or
// why they could not join; with the click browsers want before playing sound.
import { errorText } from '../console-words';
import type { useOperatorRoom } from '../hooks/use-operator-room';

export function OperatorBar({ room }: { room: ReturnType<typeof useOperatorRoom> }) {
  const { state } = room;
  if (state.status === 'off') return null;
  return (
    <div
      className={`operator-bar operator-bar--${state.status}`}
      role="status"
      data-testid="operator-bar"
    >
      {state.status === 'joining' &&
        (state.mode === 'listen' ? 'Joining the call to listen…' : 'Taking the call over…')}
      {state.status === 'failed' && (
        <span role="alert">
          Couldn't {state.mode === 'listen' ? 'listen in' : 'take the call over'}:{' '}
          {errorText(state.error)}
        </span>
      )}
      {state.status === 'in-room' &&
        (state.mode === 'listen' ? (
          <span>Listening to {state.callee}. They can't hear you.</span>
        ) : (
          <strong>You're speaking with {state.callee} — the agent has left</strong>
        ))}
      {state.status === 'in-room' && state.audioBlocked && (
        <button
          type="button"
          className="console-button console-button--primary"
          onClick={room.startAudio}
        >
          Click to hear the call
        </button>
      )}
      <button type="button" className="console-button" onClick={room.leave}>
        {state.status === 'in-room' ? 'Leave the call' : 'Close'}
      </button>
    </div>
  );
}
