/**
 * What the callee (or a backend with the API key) does with agent calls: read them, ask to be
 * called again ("call me again in 5 minutes", at most 3 times per original call), or cancel.
 */
import type { Principal } from '../auth/authenticate-principal.js';
import {
  retriesOf,
  scheduleRetryRow,
  finishRetry,
  type RetryRow,
} from '../db/agent-call-retries.js';
import { findSession, listSessions, type AgentCallSession } from '../db/agent-call-sessions.js';
import type { EventSource } from '../db/lifecycle-store.js';
import { outcomeOf, outcomesOf, transcriptOf } from '../db/agent-worker-reports.js';
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
  const [retries, outcome, transcript] = await Promise.all([
    retriesOf(session.originalSid ?? session.sid),
    outcomeOf(sid),
    transcriptOf(sid),
  ]);
  return viewAgentCall(session, retries, { outcome: outcome?.outcome ?? null, transcript });
}

/** The list carries each call's outcome (one more indexed read), never its transcript. */
export async function listAgentCalls(principal: Principal): Promise<AgentCallView[]> {
  const sessions = await listSessions(principal.kind === 'user' ? principal.user.id : null);
  const outcomes = await outcomesOf(sessions.map((session) => session.sid));
  return sessions.map((session) =>
    viewAgentCall(session, [], { outcome: outcomes.get(session.sid) ?? null }),
  );
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
  const row = await scheduleCallBack(session, calleeId, origin);
  if (!row) {
    throw new AppError(
      'retry_limit',
      409,
      `We have already called you back ${MAX_RETRIES} times for this call.`,
    );
  }
  return viewAgentCall(session, await retriesOf(session.originalSid ?? session.sid));
}

/**
 * Schedules the next "call me again" of `session` for its LINE callee (the retry policy's delay,
 * at most MAX_RETRIES per original call): the callee's button after a missed call, or the agent
 * hearing "call me later". Undefined when no retry is left. Asking again for the same session is
 * safe: the row is one per (original call, attempt), and publishing and pushing again for it are
 * no-ops downstream (deduplication id, retry key), so a request retried after a failure
 * completes what the first one started.
 */
export async function scheduleCallBack(
  session: AgentCallSession,
  calleeId: string,
  origin: { source: string },
): Promise<RetryRow | undefined> {
  const attempt = session.retryCount + 1;
  const delaySeconds = retryDelaySeconds(attempt);
  if (delaySeconds === undefined) return undefined;
  const row = await scheduleRetryRow({
    originalSid: session.originalSid ?? session.sid,
    calleeUserId: calleeId,
    language: session.language,
    attempt,
    delaySeconds,
  });
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
      id: session.sid,
      retry: attempt,
      via: origin.source,
    }),
  );
  return row;
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
