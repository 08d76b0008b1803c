/**
 * The `ring-timeout` job, 60 s after a call started: a call still ringing is missed, and both
 * parties hear of it once. QStash may deliver the job again (even after a success); the event is
 * recorded once, and the missed-call pushes go out until they are marked sent, with the same
 * retry keys, so a second delivery neither rings twice nor loses the message.
 */
import { markMissedNotified } from '../db/calls.js';
import { findUser, type User } from '../db/users.js';
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
  // Each party hears of it in their own language, with a link to call the other back.
  const tell = (party: User, other: User, role: 'caller' | 'callee') =>
    pushMessages(
      party.id,
      [
        missedCallMessage({
          language: party.language,
          otherName: other.displayName,
          role,
          callBackUrl: callBackLink(other.contactId),
        }),
      ],
      retryKeyFor('missed', call.id, role),
    );
  await Promise.all([tell(callee!, caller!, 'callee'), tell(caller!, callee!, 'caller')]);
  await markMissedNotified(call.id);
  return { done: true, status: call.status };
}
