import type { CallList } from '../../../api/_lib/contract';
import { apiGet } from '../api-client';

export type { CallList };

/** GET /api/calls: my calls and my contact id. */
export function listCalls(signal?: AbortSignal): Promise<CallList> {
  return apiGet<CallList>('/api/calls', { signal });
}
