/**
 * The `agent-ring-timeout` job (docs/flows.md#agent-call): a session ringing after 60 s is
 * missed, its room closed, and a LINE callee gets one "You missed a call" with the "call me
 * again" button while retries are left. The notice is marked sent only after LINE took it, so a
 * failed push is retried by QStash with the same retry key and still arrives once. A phone whose
 * SIP participant is active is answered, whatever the dial job recorded.
 */
import { markTimeoutNotificationSent, type AgentCallSession } from '../db/agent-call-sessions.js';
import { jobId } from '../jobs/job-id.js';
import { sipCallActive } from '../livekit/agent-dispatch.js';
import { missedAgentCallMessage } from '../line/agent-call-messages.js';
import { agentRetryPostback } from '../line/postbacks.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { applyToSession } from './apply-to-session.js';
import { retryDelaySeconds } from '../domain/retry-policy.js';

export async function agentRingTimeout(sid: string): Promise<{ done: true; status: string }> {
  const run = jobId('agent-ring-timeout', sid);
  // A LINE callee's time-out is this one statement. A phone still ringing is refused it and left
  // as it was (as a redelivery finds it, too, if the run stopped there) until LiveKit has said
  // whether its SIP leg is active.
  let session = await applyToSession({
    id: sid,
    event: { type: 'ring-timeout' },
    origin: { source: 'qstash', eventId: run },
  });
  if (session?.status === 'ringing' && 'phone' in session.target) {
    session = await timeOutPhone(session, run);
  }
  if (!session) return { done: true, status: 'no such session' };
  if (session.status !== 'missed' || session.timeoutNotificationSent) {
    return { done: true, status: session.status };
  }
  if ('lineUserId' in session.target) {
    // A campaign's call is retried by the campaign's policy, not by the callee's button.
    const nextDelay =
      session.campaignLeadId === null ? retryDelaySeconds(session.retryCount + 1) : undefined;
    await pushMessages(
      session.target.lineUserId,
      [
        missedAgentCallMessage({
          language: session.language,
          retryData: nextDelay ? agentRetryPostback(sid) : undefined,
          retryMinutes: (nextDelay ?? 0) / 60,
        }),
      ],
      retryKeyFor('agent-missed', sid),
    );
  }
  await markTimeoutNotificationSent(sid);
  return { done: true, status: session.status };
}

/**
 * A phone the dial job never recorded as answered (the job was cut off, or its answer is still on
 * the way) may be talking to the agent right now: if its SIP participant is active, the call is
 * answered, else missed.
 */
async function timeOutPhone(session: AgentCallSession, run: string) {
  const identity = `sip-${session.sid}`;
  if (await sipCallActive(session.room, identity)) {
    return applyToSession({
      id: session.sid,
      event: { type: 'answer' },
      // LiveKit's word, asked for by this run: recorded under the run's id, with LiveKit as source.
      origin: { source: 'livekit', eventId: run },
      participant: { identity, at: new Date() },
    });
  }
  // A second event of the same run: the first one's id is taken by its refusal.
  return applyToSession({
    id: session.sid,
    event: { type: 'ring-timeout', sipLegChecked: true },
    origin: { source: 'qstash', eventId: `${run}_sip-leg-checked` },
  });
}
