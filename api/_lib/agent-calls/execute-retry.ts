/**
 * The `execute-retry` job (docs/flows.md#agent-call): claim its row once; if the user is busy (a
 * live call in the last 2 minutes) wait 2 more minutes, at most twice, then give up and tell
 * them; otherwise call again as attempt n of the original call. A delivery that meets another's
 * live claim answers 503, so QStash comes back after the claim is done or has lapsed: a claim
 * stranded by a failure is never mistaken for a finished retry.
 */
import {
  claimRetry,
  finishRetry,
  postponeRetry,
  releaseRetry,
  type OriginalContext,
  type RetryRow,
} from '../db/agent-call-retries.js';
import { AppError } from '../errors.js';
import { jobId } from '../jobs/job-id.js';
import { retryGaveUpMessage } from '../line/agent-call-messages.js';
import { pushMessages, retryKeyFor } from '../line/push.js';
import { scheduleJob } from '../qstash/jobs.js';
import { BUSY_WINDOW_SECONDS, whenBusy } from '../domain/retry-policy.js';
import { startAgentCall } from './start-agent-call.js';

export type RetryOutcome =
  | { done: true; skipped: string }
  | { done: true; postponed: number }
  | { done: true; gaveUp: true }
  | { done: true; sid: string }
  | { done: true; failed: string };

export async function executeRetry(retryId: string): Promise<RetryOutcome> {
  const claim = await claimRetry(retryId, BUSY_WINDOW_SECONDS);
  if (claim.outcome === 'in-progress') {
    throw new AppError('retry_in_progress', 503, 'Another delivery is running this retry.');
  }
  if (claim.outcome !== 'claimed') return { done: true, skipped: `retry ${claim.outcome}` };
  const { row } = claim;
  try {
    return claim.calleeBusy ? await whileBusy(row) : await callAgain(row, claim.original);
  } catch (error) {
    if (error instanceof AppError && !error.retryable) {
      await finishRetry(row.id, 'failed');
      return { done: true, failed: error.message };
    }
    // A dependency was down: hand the row back and let QStash deliver the job again.
    await releaseRetry(row.id).catch(() => {});
    throw error;
  }
}

async function whileBusy(row: RetryRow): Promise<RetryOutcome> {
  const decision = whenBusy(row.postponed_count);
  if (decision.action === 'postpone') {
    const postponed = await postponeRetry(row.id, decision.delaySeconds);
    if (!postponed) return { done: true, skipped: 'retry no longer claimed' };
    await scheduleJob(
      'execute-retry',
      { retryId: row.id },
      {
        delaySeconds: decision.delaySeconds,
        deduplicationId: jobId('execute-retry', row.id, postponed.postponed_count),
      },
    );
    return { done: true, postponed: postponed.postponed_count };
  }
  await pushMessages(
    row.callee_user_id,
    [retryGaveUpMessage(row.language)],
    retryKeyFor('retry-gave-up', row.id),
  );
  await finishRetry(row.id, 'gave_up');
  return { done: true, gaveUp: true };
}

async function callAgain(row: RetryRow, original: OriginalContext): Promise<RetryOutcome> {
  try {
    const session = await startAgentCall(
      { to: { lineUserId: row.callee_user_id }, language: row.language },
      { kind: 'retry', originalSid: row.original_sid, retryCount: row.retry_attempt, ...original },
    );
    await finishRetry(row.id, 'executed', session.sid);
    return { done: true, sid: session.sid };
  } catch (error) {
    // Another agent call to them is live (one at a time): they are busy, like the check above.
    if (error instanceof AppError && error.code === 'agent_call_in_progress') return whileBusy(row);
    throw error;
  }
}
