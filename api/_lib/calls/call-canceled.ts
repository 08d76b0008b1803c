/**
 * The caller canceled while it rang: the callee hears of it once, as a missed call from the caller
 * (their phone showed the ring: docs/decisions.md#missed-call-notice-on-cancel). The ring-timeout
 * job that comes later finds the call canceled and pushes nothing, and it shares this retry key,
 * so the two can never both reach the callee. The cancel itself stands even when LINE is down: the
 * push is logged and dropped.
 */
import type { Call } from '../db/calls.js';
import { findUser } from '../db/users.js';
import { missedCallMessage } from '../line/call-messages.js';
import { callBackLink } from '../line/links.js';
import { pushMessages, retryKeyFor } from '../line/push.js';

export async function notifyCallCanceled(call: Call): Promise<void> {
  const [caller, callee] = await Promise.all([findUser(call.callerId), findUser(call.calleeId)]);
  if (!caller || !callee) return;
  const message = missedCallMessage({
    language: callee.language,
    otherName: caller.displayName,
    role: 'callee',
    callBackUrl: callBackLink(caller.contactId),
  });
  await pushMessages(callee.id, [message], retryKeyFor('missed', call.id, 'callee')).catch(
    (error: unknown) =>
      console.warn(JSON.stringify({ level: 'warn', callId: call.id, canceledPush: String(error) })),
  );
}
