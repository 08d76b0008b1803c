import type { PartyQuality } from '../../../../api/_lib/contract';
import { apiGet } from '../../../lib/api-client';

export type { PartyQuality };

/** GET /api/calls/:id?quality=1: the call's quality, one entry per party that reported. */
export async function getCallQuality(id: string, signal?: AbortSignal): Promise<PartyQuality[]> {
  const { quality } = await apiGet<{ quality: PartyQuality[] }>(
    `/api/calls/${encodeURIComponent(id)}?quality=1`,
    { signal },
  );
  return quality;
}
