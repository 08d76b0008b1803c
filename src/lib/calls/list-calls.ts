import { apiGet } from '../api-client';
import type { CallView } from './call-view';

/** GET /api/calls: my calls, newest first. */
export async function listCalls(signal?: AbortSignal): Promise<CallView[]> {
  const { calls } = await apiGet<{ calls: CallView[] }>('/api/calls', { signal });
  return calls;
}
