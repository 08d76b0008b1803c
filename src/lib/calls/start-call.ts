import type { StartCallRequest } from '../../../api/_lib/contract';
import { ApiError, apiPost } from '../api-client';
import type { Translate } from '../i18n';
import type { CallMedia, CallParty, CallView } from './call-view';

/** POST /api/calls: rings the person with this contact id; the same key answers the same call. */
export async function startCall(
  calleeContactId: string,
  media: CallMedia,
  idempotencyKey: string,
): Promise<CallView> {
  const { call } = await apiPost<{ call: CallView }>(
    '/api/calls',
    { calleeContactId, media } satisfies StartCallRequest,
    { headers: { 'Idempotency-Key': idempotencyKey } },
  );
  return call;
}

export function newIdempotencyKey(): string {
  // randomUUID needs a secure context; a phone on the dev server's LAN address has none.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** The live call this pair already has, from a 409 call_in_progress. */
export function callInProgress(error: unknown): CallView | null {
  if (!(error instanceof ApiError) || error.code !== 'call_in_progress') return null;
  const call = error.details.call as CallView | undefined;
  return call?.id ? call : null;
}

/** Past the hourly limit of call starts: tapping again cannot help for a while. */
export function tooManyCalls(error: unknown): boolean {
  return error instanceof ApiError && error.status === 429;
}

/** Why a call could not start, in plain words. */
export function startCallError(error: unknown, callee: CallParty, t: Translate): string {
  const name = callee.displayName;
  if (!(error instanceof ApiError)) return t('meeting.error.other', { code: String(error) });
  switch (error.code) {
    case 'too_many_calls':
      return t('calls.start.tooMany');
    case 'unknown_user':
      return t('calls.start.unknownUser', { name });
    case 'cannot_call_self':
      return t('calls.start.self');
    case 'network':
      return t('meeting.error.network');
    default:
      return error.status >= 500
        ? t('calls.start.unavailable', { name })
        : t('meeting.error.other', { code: error.code });
  }
}
