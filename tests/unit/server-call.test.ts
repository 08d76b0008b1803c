import { describe, expect, test } from 'vitest';
import {
  serverCall,
  type ServerCallEvent,
  type ServerCallState,
} from '../../src/lib/calls/server-call';

type State = ServerCallState<string, string>;
type Event = ServerCallEvent<string, string>;

const loading: State = { kind: 'loading' };
const failed: State = { kind: 'failed', error: 'offline' };
const ready = (patch: Partial<Extract<State, { kind: 'ready' }>> = {}): State => ({
  kind: 'ready',
  call: 'ringing',
  pending: null,
  actionError: null,
  ...patch,
});

describe('a call as its screen holds it, for both kinds of call', () => {
  test.each<[string, State, Event, State]>([
    ['the first load shows the call', loading, { type: 'loaded', call: 'ringing' }, ready()],
    [
      'a failed first load is an error screen',
      loading,
      { type: 'load-failed', error: 'offline' },
      failed,
    ],
    ['Try again after it shows the call', failed, { type: 'loaded', call: 'ringing' }, ready()],
    [
      'a failed Try again stays an error screen',
      failed,
      { type: 'load-failed', error: 'x' },
      { kind: 'failed', error: 'x' },
    ],
    // The call stays on screen: a re-read that fails says nothing new about it.
    [
      'a failed re-read keeps the call',
      ready(),
      { type: 'load-failed', error: 'offline' },
      ready(),
    ],
    [
      'a re-read shows the new call',
      ready(),
      { type: 'loaded', call: 'ended' },
      ready({ call: 'ended' }),
    ],
    [
      'a re-read keeps the action on its way and its error',
      ready({ pending: 'end', actionError: 'e' }),
      { type: 'loaded', call: 'ended' },
      ready({ call: 'ended', pending: 'end', actionError: 'e' }),
    ],
    [
      'an action clears the last one’s error',
      ready({ actionError: 'e' }),
      { type: 'acting', action: 'end' },
      ready({ pending: 'end' }),
    ],
    [
      'a failed action says why',
      ready({ pending: 'end' }),
      { type: 'act-failed', error: 'e' },
      ready({ pending: 'end', actionError: 'e' }),
    ],
    [
      'a settled action is no longer on its way, its error stays',
      ready({ pending: 'end', actionError: 'e' }),
      { type: 'act-settled' },
      ready({ actionError: 'e' }),
    ],
    ['no action without a call', loading, { type: 'acting', action: 'end' }, loading],
    ['no action error without a call', failed, { type: 'act-failed', error: 'e' }, failed],
  ])('%s', (_, state, event, next) => {
    expect(serverCall(state, event)).toEqual(next);
  });
});
