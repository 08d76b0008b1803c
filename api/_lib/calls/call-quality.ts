/**
 * Call quality reported by the parties' pages (RTT, jitter, loss, bitrate, picture size, and
 * LiveKit's own grade): stored per call and party once the call has connected, bounded per
 * party, and summarised for the History sheet.
 */
import {
  insertQualitySnapshot,
  MAX_SNAPSHOTS_PER_PARTY,
  summarizeCallQuality,
  type QualitySnapshot,
} from '../db/call-quality.js';
import type { User } from '../db/users.js';
import { AppError } from '../errors.js';
import type { PartyQuality as PartyQualityView } from '../contract.js';
import { callOf } from './act-on-call.js';

export type { QualitySnapshot };

export async function reportCallQuality(
  user: User,
  callId: string,
  snapshot: QualitySnapshot,
): Promise<void> {
  const call = await callOf(user.id, callId);
  if (!call.connectedAt) {
    throw new AppError('not_connected', 409, 'Quality is recorded once the call has connected.', {
      details: { status: call.status },
    });
  }
  if ((await insertQualitySnapshot(call.id, user.id, snapshot)) === 'full') {
    const message = `At most ${MAX_SNAPSHOTS_PER_PARTY} quality snapshots per call.`;
    throw new AppError('quality_limit', 429, message);
  }
}

/** Each party's quality, named by their role in the call (what is stored names a LINE id). */
export async function getCallQuality(user: User, callId: string): Promise<PartyQualityView[]> {
  const call = await callOf(user.id, callId);
  const parties = await summarizeCallQuality(call.id);
  return parties
    .map(({ participantId, ...quality }) => ({
      role: participantId === call.callerId ? ('caller' as const) : ('callee' as const),
      ...quality,
    }))
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'caller' ? -1 : 1));
}
