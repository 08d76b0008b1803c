// A call screen learns what the other side did through the room (LiveKit deletes it, people come
// and go). When the room cannot be joined (no media server locally, an outage, a network that
// blocks WebRTC), the API is the only channel left: read it every few seconds while the room is
// not connected, and whenever the screen comes back into view (a phone unlocked, LINE brought back
// to the front), where a timer may have been held back.
import { useEffect, useEffectEvent } from 'react';

/** Slow enough for a function invocation per screen every few seconds to be cheap. */
const FOLLOW_POLL_MS = 4_000;

/**
 * `live`: the call can still change. `roomConnected`: the room will tell us, so no polling.
 */
export function useFollowServer(live: boolean, roomConnected: boolean, refresh: () => void) {
  const read = useEffectEvent(refresh);

  useEffect(() => {
    if (!live) return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') read();
    };
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [live]);

  useEffect(() => {
    if (!live || roomConnected) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') read();
    }, FOLLOW_POLL_MS);
    return () => clearInterval(timer);
  }, [live, roomConnected]);
}
