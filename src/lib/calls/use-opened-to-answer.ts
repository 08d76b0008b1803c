import { useEffect, useState } from 'react';
import { openedToAnswer } from './call-view';

/**
 * Opened from the LINE message's Accept button (`?autoAccept=1`), the tap was the answer;
 * otherwise the screen asks. `canAnswer`: the call, on first showing, is one this user could
 * answer. Read once; then the parameter leaves the address, so a reload or a shared link asks.
 */
export function useOpenedToAnswer(canAnswer: boolean): boolean {
  const [opened] = useState(() => canAnswer && openedToAnswer());
  useEffect(forgetOpenedToAnswer, []);
  return opened;
}

function forgetOpenedToAnswer(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('autoAccept')) return;
  url.searchParams.delete('autoAccept');
  // Not the router's navigate: nothing renders from this parameter, and this module stays free
  // of the entry's code.
  history.replaceState(history.state, '', url);
}
