/**
 * What the callee (or a backend with the API key) does with agent calls: read them, ask to be
 * called again ("call me again in 5 minutes", at most 3 times per original call), or cancel.
 */
import type { Principal } from '../auth/authenticate-principal.js';
import { retriesOf, scheduleRetryRow, finishRetry } from '../db/agent-call-retries.js';
import { findSession, listSessions, type AgentCallSession } from '../db/agent-call-sessions.js';
import type { EventSource } from '../db/lifecycle-store.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { jobId } from '../jobs/job-id.js';
import { retryScheduledMessage } from '../line/agent-call-messages.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { scheduleJob } from '../qstash/jobs.js';
import { viewAgentCall, type AgentCallView } from './agent-call-view.js';
import { MAX_RETRIES, retryDelaySeconds } from '../domain/retry-policy.js';
import { applyToSession } from './apply-to-session.js';

export async function getAgentCall(principal: Principal, sid: string): Promise<AgentCallView> {
  const session = await sessionFor(principal, sid);
  return viewAgentCall(session, await retriesOf(session.originalSid ?? session.sid));
}

export async function listAgentCalls(principal: Principal): Promise<AgentCallView[]> {
  const sessions = await listSessions(principal.kind === 'user' ? principal.user.id : null);
  return sessions.map((session) => viewAgentCall(session));
}

export async function scheduleRetry(
  calleeId: string,
  sid: string,
  origin: EventSource,
): Promise<AgentCallView> {
  const session = await sessionFor({ kind: 'callee', calleeId }, sid);
  if (session.status !== 'missed' && session.status !== 'busy') {
    throw new AppError(
      'not_retryable',
      409,
      `A call back is offered after a missed call; this one is ${session.status}.`,
      {
        details: { status: session.status },
      },
    );
  }
  const attempt = session.retryCount + 1;
  const delaySeconds = retryDelaySeconds(attempt);
  if (delaySeconds === undefined) {
    throw new AppError(
      'retry_limit',
      409,
      `We have already called you back ${MAX_RETRIES} times for this call.`,
    );
  }
  const originalSid = session.originalSid ?? session.sid;
  const row = await scheduleRetryRow({
    originalSid,
    calleeUserId: calleeId,
    language: session.language,
    attempt,
    delaySeconds,
  });
  // Publishing and pushing again for the same row are no-ops downstream (deduplication id, retry
  // key), so a request retried after a failure completes what the first one started.
  if (row.status === 'scheduled') {
    await scheduleJob(
      'execute-retry',
      { retryId: row.id },
      { delaySeconds, deduplicationId: jobId('execute-retry', row.id) },
    );
    await pushMessages(
      calleeId,
      [retryScheduledMessage(session.language, delaySeconds / 60)],
      retryKeyFor('retry-scheduled', row.id),
    );
  }
  console.log(
    JSON.stringify({
      level: 'info',
      kind: 'agent_call',
      id: sid,
      retry: attempt,
      via: origin.source,
    }),
  );
  return viewAgentCall(session, await retriesOf(originalSid));
}

/** Cancels a ringing call ("Not now") and any call back still waiting for this one. */
export async function cancelAgentCall(
  calleeId: string,
  sid: string,
  origin: EventSource,
): Promise<AgentCallView> {
  const session = await sessionFor({ kind: 'callee', calleeId }, sid);
  const updated = (await applyToSession({
    id: session.sid,
    event: { type: 'decline', reason: 'callee said not now' },
    origin,
  }))!;
  const retries = await retriesOf(session.originalSid ?? session.sid);
  for (const retry of retries) {
    if (retry.status === 'scheduled' && retry.retry_attempt === session.retryCount + 1) {
      await finishRetry(retry.id, 'canceled');
    }
  }
  return viewAgentCall(updated, await retriesOf(session.originalSid ?? session.sid));
}

type Asker = Principal | { kind: 'callee'; calleeId: string };

async function sessionFor(asker: Asker, sid: string): Promise<AgentCallSession> {
  const session = await findSession(sid);
  if (!session) throw notFound('agent_call_not_found', 'No such agent call.');
  if (asker.kind === 'api') return session;
  const calleeId = asker.kind === 'user' ? asker.user.id : asker.calleeId;
  if (!('lineUserId' in session.target) || session.target.lineUserId !== calleeId) {
    throw forbidden('not_your_call', 'This call was not to you.');
  }
  return session;
}
