import { apiPost, type RequestOptions } from '../../../lib/api-client';
import type { CallAction } from '../../../../api/_lib/contract';
import type { CallView } from '../../../lib/calls/call-view';

export type { CallAction };

/**
 * POST /api/calls/:id {action}: only the callee accepts or declines, only the caller cancels,
 * either ends; 409 invalid_state when the call has moved on.
 */
export async function actOnCall(
  id: string,
  action: CallAction,
  options?: RequestOptions,
): Promise<CallView> {
  const { call } = await apiPost<{ call: CallView }>(
    `/api/calls/${encodeURIComponent(id)}`,
    { action },
    options,
  );
  return call;
}
