import { apiGet } from '../api-client';
import type { CallView } from './call-view';

export interface CallList {
  /** Newest first. */
  calls: CallView[];
  /** The signed-in user's own contact id: what their invite link carries. */
  me: { contactId: string };
}

/** GET /api/calls: my calls and my contact id. */
export function listCalls(signal?: AbortSignal): Promise<CallList> {
  return apiGet<CallList>('/api/calls', { signal });
}
