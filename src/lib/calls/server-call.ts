// A call as the API last answered it, with what its screen has asked of it: one state for the 1:1
// and the agent call alike (use-server-call.ts runs it). Pure: the tests drive it as a table.
//
//   loading ──loaded──► ready(call, pending, actionError) ◄── loaded │ acting │ act-failed │ act-settled
//      └──load-failed──► failed(error) ──loaded (Try again)──► ready
//
// A failed re-read leaves a ready call as it is: only a failed first load is an error screen.

export type ServerCallState<Call, Action> =
  | { kind: 'loading' }
  | {
      kind: 'ready';
      call: Call;
      /** The action on its way to the server, if any. */
      pending: Action | null;
      /** Why the last action failed, when that is worth saying; null otherwise. */
      actionError: unknown;
    }
  | { kind: 'failed'; error: unknown };

export type ServerCallEvent<Call, Action> =
  | { type: 'loaded'; call: Call }
  | { type: 'load-failed'; error: unknown }
  | { type: 'acting'; action: Action }
  | { type: 'act-failed'; error: unknown }
  | { type: 'act-settled' };

export function serverCall<Call, Action>(
  state: ServerCallState<Call, Action>,
  event: ServerCallEvent<Call, Action>,
): ServerCallState<Call, Action> {
  if (event.type === 'loaded') {
    return state.kind === 'ready'
      ? { ...state, call: event.call }
      : { kind: 'ready', call: event.call, pending: null, actionError: null };
  }
  if (event.type === 'load-failed') {
    return state.kind === 'ready' ? state : { kind: 'failed', error: event.error };
  }
  // Actions are offered only on a ready call's screen.
  if (state.kind !== 'ready') return state;
  switch (event.type) {
    case 'acting':
      return { ...state, pending: event.action, actionError: null };
    case 'act-failed':
      return { ...state, actionError: event.error };
    case 'act-settled':
      return { ...state, pending: null };
  }
}
