import { createContext, useContext } from 'react';
import type { LiffSession } from './liff';

export const SessionContext = createContext<LiffSession | null>(null);

/** The signed-in LINE user; only rendered below the boot gate, so it is always there. */
export function useSession(): LiffSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside the boot gate');
  return session;
}
