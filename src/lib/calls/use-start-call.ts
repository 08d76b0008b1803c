// Starting a call to one person from a tap. Each intent (this person, this media) keeps its
// Idempotency-Key while the outcome is unknown, so tapping again after a lost answer gets the
// same call back instead of ringing twice.
import { useRef, useState } from 'react';
import { useLocation } from '../router';
import { ApiError } from '../api-client';
import { callInProgress, newIdempotencyKey, startCall } from './start-call';
import { callPath, type CallMedia } from './call-view';

export type StartCallState =
  | { status: 'idle' }
  | { status: 'starting'; media: CallMedia }
  | { status: 'failed'; media: CallMedia; error: unknown };

export function useStartCall(calleeContactId: string) {
  const [, navigate] = useLocation();
  const keys = useRef(new Map<CallMedia, string>());
  const [state, setState] = useState<StartCallState>({ status: 'idle' });

  const start = async (media: CallMedia) => {
    const key = keys.current.get(media) ?? newIdempotencyKey();
    keys.current.set(media, key);
    setState({ status: 'starting', media });
    try {
      const call = await startCall(calleeContactId, media, key);
      keys.current.delete(media);
      navigate(callPath(call.id));
    } catch (error) {
      // The pair already has a live call (maybe the other one rang first): go to it.
      const live = callInProgress(error);
      if (live) {
        navigate(callPath(live.id));
        return;
      }
      // Only "no answer at all" leaves the outcome unknown; any answer settles this key (a 503
      // has already failed the call, so replaying its key would only show that failed call).
      if (!(error instanceof ApiError && error.status === 0)) keys.current.delete(media);
      setState({ status: 'failed', media, error });
    }
  };

  return { state, start };
}
