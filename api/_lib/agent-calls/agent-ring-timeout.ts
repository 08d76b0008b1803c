/**
 * The agent call's `ring-timeout` job (seed 000 step 3): a session still ringing after 60 s is
 * missed, its room closed, and a LINE callee gets one "You missed a call" with the "call me
 * again" button while retries are left. The notice is marked sent only after LINE took it, so a
 * failed push is retried by QStash with the same retry key and still arrives once.
 */
import { markTimeoutNotificationSent } from '../db/agent-call-sessions.js';
import { missedAgentCallMessage } from '../line/agent-call-messages.js';
import { agentRetryPostback } from '../line/postbacks.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { applyToSession } from './agent-call-actions.js';
import { retryDelaySeconds } from './retry-policy.js';

export async function agentRingTimeout(sid: string): Promise<{ done: true; status: string }> {
  const session = await applyToSession(
    sid,
    { type: 'ring-timeout' },
    { source: 'qstash', eventId: `ring-timeout:${sid}` },
  );
  if (!session) return { done: true, status: 'no such session' };
  if (session.status !== 'missed' || session.timeoutNotificationSent) {
    return { done: true, status: session.status };
  }
  if ('lineUserId' in session.target) {
    const nextDelay = retryDelaySeconds(session.retryCount + 1);
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
