/**
 * Starting a 1:1 call: one call per idempotency key, one live call per pair, ten starts an hour
 * (see COUNTED_STARTS in db/calls.ts for what counts). The callee is named by their contact id,
 * never their LINE id, so knowing someone's LINE id rings no one. The limit is checked before the
 * callee is looked up, and every "cannot be rung" answer (an unknown contact id too) is the same,
 * so a stranger learns nothing by probing ids. The time-out is scheduled before the callee is
 * rung, so a ringing call always has one; a replay of the key after a crash between the insert and
 * the push finishes the effects.
 */
import { getConfig } from '../config.js';
import {
  applyCallEvent,
  findCallByKey,
  insertCall,
  markStartEffectsDone,
  reachedStartLimit,
  type Call,
  type Media,
} from '../db/calls.js';
import { findUser, findUserByContactId, type User } from '../db/users.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { jobId } from '../jobs/job-id.js';
import { appLink } from '../line/links.js';
import { incomingCallMessage } from '../line/call-messages.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { scheduleJob } from '../qstash/jobs.js';
import { viewCall, type CallView } from './call-view.js';
import { RING_SECONDS } from '../domain/ring-time.js';
import { declinePostback } from '../line/postbacks.js';

interface StartCallInput {
  calleeContactId: string;
  media: Media;
}

export async function startCall(
  caller: User,
  input: StartCallInput,
  idempotencyKey: string,
): Promise<{ call: CallView; created: boolean }> {
  if (input.calleeContactId === caller.contactId)
    throw badRequest('cannot_call_self', 'You cannot call yourself.');
  const replay = await findCallByKey(caller.id, idempotencyKey);
  if (replay) return replayed(caller, input, replay.call, replay.effectsDone);

  const startsPerHour = getConfig().callStartsPerHour;
  if (await reachedStartLimit(caller.id, startsPerHour)) throw tooManyCalls(startsPerHour);
  const callee = await findUserByContactId(input.calleeContactId);
  // Unknown, never opened the app (a backend-dispatch row), or blocked the account: one answer,
  // under the code the app already explains ("invite them").
  if (!callee?.signedIn || !callee.canReceivePush) {
    throw notFound('unknown_user', 'We cannot ring this person; invite them to the app.');
  }

  const inserted = await insertCall({
    callerId: caller.id,
    calleeId: callee.id,
    media: input.media,
    idempotencyKey,
    startsPerHour,
  });
  switch (inserted.kind) {
    case 'rate-limited':
      throw tooManyCalls(startsPerHour);
    case 'pair-busy':
      throw new AppError('call_in_progress', 409, 'You already have a call with this person.', {
        details: { call: viewCall(inserted.call, caller.id, callee) },
      });
    case 'replayed':
      return replayed(caller, input, inserted.call, inserted.effectsDone);
    case 'created':
      return { call: await ring(caller, callee, inserted.call), created: true };
  }
}

async function replayed(
  caller: User,
  input: StartCallInput,
  call: Call,
  effectsDone: boolean,
): Promise<{ call: CallView; created: boolean }> {
  const callee = (await findUser(call.calleeId))!;
  if (callee.contactId !== input.calleeContactId || call.media !== input.media) {
    throw new AppError('idempotency_key_reused', 409, 'This Idempotency-Key started another call.');
  }
  const pending = !effectsDone && (call.status === 'initiated' || call.status === 'ringing');
  return {
    call: pending ? await ring(caller, callee, call) : viewCall(call, caller.id, callee),
    created: false,
  };
}

/**
 * The start's effects, each safe to run again (the job's deduplication id, the push's retry key,
 * the ring event from `initiated` only), then marked done on the row.
 */
async function ring(caller: User, callee: User, call: Call): Promise<CallView> {
  try {
    await scheduleJob(
      'ring-timeout',
      { callId: call.id },
      { delaySeconds: RING_SECONDS, deduplicationId: jobId('ring-timeout', call.id) },
    );
    const rung = await applyCallEvent({
      id: call.id,
      event: { type: 'ring' },
      origin: { source: 'system' },
    });
    await pushMessages(
      callee.id,
      [
        incomingCallMessage({
          language: callee.language,
          callerName: caller.displayName,
          callerPictureUrl: caller.pictureUrl,
          media: call.media,
          acceptUrl: appLink(`/call/${call.id}?autoAccept=1`),
          declineData: declinePostback(call.id),
        }),
      ],
      retryKeyFor('ring', call.id),
    );
    await markStartEffectsDone(call.id);
    return viewCall(rung.outcome === 'not-found' ? call : rung.record, caller.id, callee);
  } catch (error) {
    const reason = 'could not ring the callee';
    await applyCallEvent({
      id: call.id,
      event: { type: 'fail', reason },
      origin: { source: 'system' },
    });
    throw error;
  }
}

function tooManyCalls(startsPerHour: number): AppError {
  return new AppError(
    'too_many_calls',
    429,
    `You have started ${startsPerHour} calls this hour. Try later.`,
  );
}
