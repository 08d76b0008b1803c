/**
 * The agent call dispatcher (docs/flows.md#agent-call): record the session, open the
 * room, dispatch the agent (and check 20 s later that it came), ring the callee — a LINE push with Accept / "Not
 * now", or a phone dialled through the SIP trunk by a job — and schedule the 60 s ring time-out. Any
 * failure leaves the session `failed` with its reason and the room closed: never half-created.
 */
import { randomBytes } from 'node:crypto';
import { getConfig } from '../config.js';
import {
  findSession,
  insertSession,
  SELF_CALLS_PER_HOUR,
  type AgentCallSession,
  type AgentCallTarget,
} from '../db/agent-call-sessions.js';
import type { OriginalContext } from '../db/agent-call-retries.js';
import { ensureUser, findUser } from '../db/users.js';
import { AppError } from '../errors.js';
import type { Language } from '../i18n/language.js';
import { jobId } from '../jobs/job-id.js';
import { incomingAgentCallMessage } from '../line/agent-call-messages.js';
import { appLink } from '../line/links.js';
import { agentNotNowPostback } from '../line/postbacks.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { createAgentRoom, dispatchAgent } from '../livekit/agent-dispatch.js';
import { scheduleJob } from '../qstash/jobs.js';
import { agentCallRoom } from '../rooms/room-name.js';
import { RING_SECONDS } from '../domain/ring-time.js';
import {
  AGENT_JOIN_SECONDS,
  DEFAULT_SCRIPT,
  type AgentScript,
} from '../domain/agent-conversation.js';
import { agentMetadata } from './agent-metadata.js';
import { applyToSession } from './apply-to-session.js';
import { viewAgentCall } from './agent-call-view.js';
import { DIAL_JOB_SECONDS } from './dial-phone.js';
import { normalisePhoneNumber } from './phone-number.js';

/** A dispatch that could not be completed; the session is `failed` with the reason. */
class CallInitiationError extends AppError {
  constructor(session: AgentCallSession, cause: unknown) {
    const retryable = cause instanceof AppError ? cause.retryable : true;
    super('call_initiation_failed', retryable ? 503 : 502, 'The call could not be started.', {
      retryable,
      cause,
      details: { sid: session.sid },
    });
    this.name = 'CallInitiationError';
  }
}

export interface AgentCallRequest {
  to: { lineUserId: string } | { phone: string };
  /** A backend's facts for the agent; a self-service call has none (see the API handler). */
  context?: Record<string, unknown>;
  language?: Language;
  /** The conversation, chosen by a backend; "call me now" is always the reminder. */
  script?: AgentScript;
}

/**
 * Who asked; a retry carries the original call, whose context (and its supplier) it keeps; a
 * campaign names the lead's attempt (its context, script and language are in the request, as a
 * backend's) and the trunk and caller id its phone calls go out through.
 */
export type RequestedBy =
  | { kind: 'self' }
  | { kind: 'api' }
  | ({ kind: 'retry'; originalSid: string; retryCount: number } & OriginalContext)
  | {
      kind: 'campaign';
      leadId: number;
      attempt: number;
      sipTrunkId: string | null;
      callerId: string | null;
    };

export async function startAgentCall(
  request: AgentCallRequest,
  by: RequestedBy,
): Promise<AgentCallSession> {
  const target: AgentCallTarget =
    'phone' in request.to
      ? { phone: normalisePhoneNumber(request.to.phone) }
      : { lineUserId: request.to.lineUserId };
  // A backend may call a LINE user who never opened the app; remember them so pushes have a row.
  // A retry's callee has a row already (the queue references it): read it, do not upsert it.
  const callee =
    'lineUserId' in target
      ? await (by.kind === 'retry' ? findUser : ensureUser)(target.lineUserId)
      : undefined;
  if (callee && !callee.canReceivePush) {
    throw new AppError(
      'callee_unreachable',
      409,
      'The callee has blocked our LINE account, so the call could not be announced.',
    );
  }
  const sid = `ac_${randomBytes(12).toString('base64url')}`;
  const inserted = await insertSession({
    sid,
    room: agentCallRoom(sid),
    target,
    requestedBy: by.kind,
    ...(by.kind === 'retry'
      ? { context: by.context, contextSuppliedBy: by.contextSuppliedBy }
      : by.kind === 'api' || by.kind === 'campaign'
        ? { context: request.context ?? null, contextSuppliedBy: 'backend' }
        : { context: null, contextSuppliedBy: 'user' }),
    language: request.language ?? callee?.language ?? 'en',
    script:
      by.kind === 'retry'
        ? by.script
        : by.kind === 'api' || by.kind === 'campaign'
          ? (request.script ?? DEFAULT_SCRIPT)
          : DEFAULT_SCRIPT,
    retryCount: by.kind === 'retry' ? by.retryCount : 0,
    originalSid: by.kind === 'retry' ? by.originalSid : null,
    ...(by.kind === 'campaign'
      ? {
          campaign: {
            leadId: by.leadId,
            attempt: by.attempt,
            sipTrunkId: by.sipTrunkId,
            callerId: by.callerId,
          },
        }
      : {}),
  });
  if (inserted.kind === 'rate-limited') {
    throw new AppError(
      'too_many_agent_calls',
      429,
      `You have asked for ${SELF_CALLS_PER_HOUR} calls this hour. Try later.`,
    );
  }
  if (inserted.kind === 'attempt-dialed') {
    throw new AppError('attempt_already_dialed', 409, 'This attempt of the lead is dialled.', {
      details: { sid: inserted.session.sid },
    });
  }
  if (inserted.kind === 'not-dialable') {
    throw new AppError('campaign_not_running', 409, 'The campaign is not running.');
  }
  if (inserted.kind === 'callee-busy') {
    throw new AppError('agent_call_in_progress', 409, 'The callee already has a live agent call.', {
      details: { agentCall: viewAgentCall(inserted.live) },
    });
  }
  const { session } = inserted;

  try {
    await bringInTheAgent(session, callee?.displayName ?? null);
    await scheduleJob(
      'agent-join-check',
      { sid },
      { delaySeconds: AGENT_JOIN_SECONDS, deduplicationId: jobId('agent-join-check', sid) },
    );
    await scheduleJob(
      'agent-ring-timeout',
      { sid },
      { delaySeconds: RING_SECONDS, deduplicationId: jobId('agent-ring-timeout', sid) },
    );
    await applyToSession({ id: sid, event: { type: 'ring' }, origin: { source: 'system' } });
    if ('lineUserId' in target) {
      await pushMessages(
        target.lineUserId,
        [
          incomingAgentCallMessage({
            language: session.language,
            serviceName: getConfig().agentCalls.serviceName,
            acceptUrl: appLink(`/agent-call/${sid}?autoAccept=1`),
            notNowData: agentNotNowPostback(sid),
          }),
        ],
        retryKeyFor('agent-ring', sid),
      );
      return (await findSession(sid)) ?? session;
    }
    // The dial rings for up to a minute, longer than a request may run: a job dials and records
    // how it ended (dial-phone.ts); this request answers `ringing` at once.
    await scheduleJob(
      'dial-out',
      { sid },
      {
        delaySeconds: 0,
        deduplicationId: jobId('dial-out', sid),
        timeoutSeconds: DIAL_JOB_SECONDS,
      },
    );
    return (await findSession(sid)) ?? session;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Its effect closes the room the agent may already be in.
    await applyToSession({
      id: sid,
      event: { type: 'fail', reason },
      origin: { source: 'system' },
    });
    throw new CallInitiationError(session, error);
  }
}

/**
 * Opens the room and dispatches the agent by name. Whether an agent comes is learnt from the room
 * (its participant_joined): the `agent-join-check` job fails the session `no_agent` if none did.
 */
async function bringInTheAgent(session: AgentCallSession, calleeName: string | null) {
  await createAgentRoom(session.room, JSON.stringify({ sid: session.sid }));
  await dispatchAgent(
    session.room,
    getConfig().agentCalls.agentName,
    agentMetadata(session, calleeName),
  );
}
