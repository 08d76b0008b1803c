import { apiGet } from '../../../lib/api-client';

/** Each party's call quality as measured by their page (averages over the call). */
export interface PartyQuality {
  /** Whose it is, by their role in the call (CallView.role is mine). */
  role: 'caller' | 'callee';
  snapshots: number;
  connectionQuality: string | null;
  roundTripTimeMs: number | null;
  jitterMs: number | null;
  packetLoss: number | null;
  bitrateKbps: number | null;
  frameHeight: number | null;
}

/** GET /api/calls/:id?quality=1: the call's quality, one entry per party that reported. */
export async function getCallQuality(id: string, signal?: AbortSignal): Promise<PartyQuality[]> {
  const { quality } = await apiGet<{ quality: PartyQuality[] }>(
    `/api/calls/${encodeURIComponent(id)}?quality=1`,
    { signal },
  );
  return quality;
}
