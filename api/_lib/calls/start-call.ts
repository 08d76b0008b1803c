/**
 * Starting a 1:1 call: one call per idempotency key, one live call per pair, ten starts an hour.
 * The time-out is scheduled before the callee is rung, so a ringing call always has one.
 */
import { applyCallEvent, countCallsStartedSince, insertCall, type Media } from '../db/calls.js';
import { findUser, type User } from '../db/users.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { appLink } from '../line/links.js';
import { incomingCallMessage } from '../line/call-messages.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { scheduleJob } from '../qstash/jobs.js';
import { RING_SECONDS, viewCall, type CallView } from './call-view.js';
import { declinePostback } from '../line/postbacks.js';

export const STARTS_PER_HOUR = 10;

export async function startCall(
  caller: User,
  input: { calleeId: string; media: Media },
  idempotencyKey: string,
): Promise<{ call: CallView; created: boolean }> {
  if (input.calleeId === caller.id)
    throw badRequest('cannot_call_self', 'You cannot call yourself.');
  const callee = await findUser(input.calleeId);
  if (!callee) throw notFound('unknown_user', 'That person has not used the app yet; invite them.');
  if (!callee.canReceivePush) {
    throw new AppError(
      'callee_unreachable',
      409,
      `${callee.displayName} has blocked our LINE account, so we cannot ring them.`,
    );
  }

  const since = new Date(Date.now() - 60 * 60 * 1000);
  if ((await countCallsStartedSince(caller.id, since)) >= STARTS_PER_HOUR) {
    throw new AppError('too_many_calls', 429, 'You have started 10 calls this hour. Try later.');
  }

  const inserted = await insertCall({ callerId: caller.id, ...input, idempotencyKey });
  if (inserted.kind === 'pair-busy') {
    throw new AppError('call_in_progress', 409, 'You already have a call with this person.', {
      details: { call: viewCall(inserted.call, caller.id, callee) },
    });
  }
  if (inserted.kind === 'replayed') {
    if (inserted.call.calleeId !== callee.id || inserted.call.media !== input.media) {
      throw new AppError(
        'idempotency_key_reused',
        409,
        'This Idempotency-Key started another call.',
      );
    }
    return { call: viewCall(inserted.call, caller.id, callee), created: false };
  }

  const call = inserted.call;
  try {
    await scheduleJob(
      'ring-timeout',
      { callId: call.id },
      {
        delaySeconds: RING_SECONDS,
        deduplicationId: `ring-timeout-${call.id}`,
      },
    );
    const rung = await applyCallEvent(call.id, { type: 'ring' }, { source: 'system' });
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
    return {
      call: viewCall(rung.outcome === 'applied' ? rung.record : call, caller.id, callee),
      created: true,
    };
  } catch (error) {
    const reason = 'could not ring the callee';
    await applyCallEvent(call.id, { type: 'fail', reason }, { source: 'system' });
    throw error;
  }
}
