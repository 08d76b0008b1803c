/**
 * Who is asking, on endpoints a backend system may use too: `Authorization: Bearer
 * <AGENT_API_KEY>` is the backend (compared in constant time); anything else must be a LIFF ID
 * token of a LINE user.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { getConfig } from '../config.js';
import type { User } from '../db/users.js';
import { authenticateUser } from './authenticate-user.js';

export type Principal = { kind: 'api' } | { kind: 'user'; user: User };

export async function authenticatePrincipal(request: Request): Promise<Principal> {
  const apiKey = getConfig().agentCalls.apiKey;
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (apiKey && presented && sameSecret(presented, apiKey)) return { kind: 'api' };
  return { kind: 'user', user: await authenticateUser(request) };
}

/** Hashing first gives equal lengths, so the comparison time says nothing about the key. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
