/** The people of the local world: two windows as Alice and Bob can call each other. */
import { createHash } from 'node:crypto';

export interface DevUser {
  userId: string;
  displayName: string;
  language: 'en' | 'ja' | 'ko' | 'th' | 'zh-TW';
  color: string;
}

/** A stable LINE-shaped user id (U + 32 hex), so data under .data/ survives restarts. */
const lineUserId = (name: string) =>
  `U${createHash('sha256').update(`liff-calls-dev:${name}`).digest('hex').slice(0, 32)}`;

export const DEV_USERS: DevUser[] = [
  { userId: lineUserId('alice'), displayName: 'Alice', language: 'en', color: '#06C755' },
  { userId: lineUserId('bob'), displayName: 'Bob', language: 'ja', color: '#2F80ED' },
  { userId: lineUserId('carol'), displayName: 'Carol', language: 'th', color: '#EB5757' },
];

/** The dev user who is a console admin when the LINE stand-in signs people in (OPERATOR_ADMINS). */
export const DEV_OPERATOR = DEV_USERS[0]!;
