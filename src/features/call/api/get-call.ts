import { apiGet, type RequestOptions } from '../../../lib/api-client';
import type { CallView } from '../../../lib/calls/call-view';

/** GET /api/calls/:id: the call as it stands now, for one of its parties. */
export async function getCall(id: string, options?: RequestOptions): Promise<CallView> {
  const { call } = await apiGet<{ call: CallView }>(
    `/api/calls/${encodeURIComponent(id)}`,
    options,
  );
  return call;
}
