/**
 * The `ring-timeout` job, 60 s after a call started: a call still ringing is missed, and both
 * parties hear of it once. QStash may deliver the job again (even after a success); the event is
 * recorded once, and the missed-call pushes go out until they are marked sent, with the same
 * retry keys, so a second delivery neither rings twice nor loses the message.
 */
import { markMissedNotified } from '../db/calls.js';
import { findUser } from '../db/users.js';
import { jobId } from '../jobs/job-id.js';
import { callBackLink } from '../line/links.js';
import { missedCallMessage } from '../line/call-messages.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { applyToCall } from './apply-to-call.js';

export type JobOutcome = { done: true; status: string } | { done: true; skipped: string };

export async function ringTimeout(callId: string): Promise<JobOutcome> {
  const call = await applyToCall({
    id: callId,
    event: { type: 'ring-timeout' },
    origin: { source: 'qstash', eventId: jobId('ring-timeout', callId) },
  });
  if (!call) return { done: true, skipped: 'no such call' };
  if (call.status !== 'missed' || call.missedNotified) return { done: true, status: call.status };

  const [caller, callee] = await Promise.all([findUser(call.callerId), findUser(call.calleeId)]);
  await Promise.all([
    pushMessages(
      callee!.id,
      [
        missedCallMessage({
          language: callee!.language,
          otherName: caller!.displayName,
          role: 'callee',
          callBackUrl: callBackLink(caller!.contactId),
        }),
      ],
      retryKeyFor('missed', call.id, 'callee'),
    ),
    pushMessages(
      caller!.id,
      [
        missedCallMessage({
          language: caller!.language,
          otherName: callee!.displayName,
          role: 'caller',
          callBackUrl: callBackLink(callee!.contactId),
        }),
      ],
      retryKeyFor('missed', call.id, 'caller'),
    ),
  ]);
  await markMissedNotified(call.id);
  return { done: true, status: call.status };
}
