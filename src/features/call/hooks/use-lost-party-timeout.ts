import { useEffect, useEffectEvent } from 'react';

/** How long the other party may be gone from the room before the call is given up. */
const LOST_PARTY_MS = 30_000;

/**
 * Calls `onLost` once the other party, having been in the room, has been gone for LOST_PARTY_MS
 * while the call is on; coming back in time cancels it.
 */
export function useLostPartyTimeout(
  active: boolean,
  otherPresent: boolean,
  otherSeen: boolean,
  onLost: () => void,
) {
  const lost = useEffectEvent(onLost);
  useEffect(() => {
    if (!active || otherPresent || !otherSeen) return;
    const timer = setTimeout(() => lost(), LOST_PARTY_MS);
    return () => clearTimeout(timer);
  }, [active, otherPresent, otherSeen]);
}
