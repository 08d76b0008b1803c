/**
 * The "call me again" queue (docs/decisions.md#retry-claims). A row is scheduled once per
 * (original call, attempt); a QStash delivery claims it before acting, so a second delivery does
 * nothing, and a claim left behind by a crashed delivery can be retaken after a lease.
 */
import type { RetryStatus } from '../domain/retry-policy.js';
import type { Language } from '../i18n/language.js';
import { userIsBusySql } from './agent-call-sessions.js';
import { query } from './pool.js';

export interface RetryRow {
  id: string;
  original_sid: string;
  callee_user_id: string;
  language: Language;
  retry_attempt: number;
  status: RetryStatus;
  postponed_count: number;
  run_at: Date;
  new_sid: string | null;
}

const COLUMNS = `id::text, original_sid, callee_user_id, language, retry_attempt, status,
  postponed_count, run_at, new_sid`;

/**
 * Longer than the jobs function may run (`maxDuration` of api/jobs in vercel.json: 90 s), so a
 * claim is never taken from under a delivery that is still running it.
 */
export const CLAIM_LEASE_SECONDS = 120;

/** Schedules attempt n of an original call; a second request for the same attempt gets the first. */
export async function scheduleRetryRow(input: {
  originalSid: string;
  calleeUserId: string;
  language: Language;
  attempt: number;
  delaySeconds: number;
}): Promise<RetryRow> {
  const [created] = await query<RetryRow>(
    `INSERT INTO agent_call_retry_queue
       (original_sid, callee_user_id, language, retry_attempt, run_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
     ON CONFLICT (original_sid, retry_attempt) DO NOTHING
     RETURNING ${COLUMNS}`,
    [input.originalSid, input.calleeUserId, input.language, input.attempt, input.delaySeconds],
  );
  if (created) return created;
  const [existing] = await query<RetryRow>(
    `SELECT ${COLUMNS} FROM agent_call_retry_queue WHERE original_sid = $1 AND retry_attempt = $2`,
    [input.originalSid, input.attempt],
  );
  return existing!;
}

/** What the original call gave the agent; its retries give the same. */
export interface OriginalContext {
  context: Record<string, unknown> | null;
  contextSuppliedBy: 'user' | 'backend';
}

export type Claim =
  | { outcome: 'claimed'; row: RetryRow; calleeBusy: boolean; original: OriginalContext }
  /** Another delivery holds a live claim: it may yet fail, so ask to be delivered again. */
  | { outcome: 'in-progress' }
  | { outcome: 'done' | 'not-found' };

/**
 * Claims a scheduled row (or one whose claim's lease ran out) and, in the same statement, asks
 * whether its callee is busy and reads what the original call gave the agent.
 */
export async function claimRetry(id: string, busyWindowSeconds: number): Promise<Claim> {
  const rows = await query<
    RetryRow & {
      outcome: string;
      callee_busy: boolean;
      original_context: OriginalContext['context'];
      original_supplied_by: OriginalContext['contextSuppliedBy'] | null;
    }
  >(
    `WITH claimed AS (
       UPDATE agent_call_retry_queue SET status = 'executing', claimed_at = now()
       WHERE id = $1 AND (status = 'scheduled'
         OR (status = 'executing' AND claimed_at < now() - make_interval(secs => $2)))
       RETURNING *
     )
     SELECT 'claimed' AS outcome, ${COLUMNS},
       ${userIsBusySql('claimed.callee_user_id', '$3')} AS callee_busy,
       (SELECT o.context FROM agent_call_sessions o WHERE o.sid = claimed.original_sid)
         AS original_context,
       (SELECT o.context_supplied_by FROM agent_call_sessions o WHERE o.sid = claimed.original_sid)
         AS original_supplied_by
     FROM claimed
     UNION ALL
     SELECT CASE WHEN status = 'executing' THEN 'in-progress' ELSE 'done' END, ${COLUMNS}, false,
       NULL, NULL
     FROM agent_call_retry_queue WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM claimed)`,
    [id, CLAIM_LEASE_SECONDS, busyWindowSeconds],
  );
  const [row] = rows;
  if (!row) return { outcome: 'not-found' };
  if (row.outcome === 'claimed') {
    const original = {
      context: row.original_context,
      contextSuppliedBy: row.original_supplied_by ?? 'user',
    };
    return { outcome: 'claimed', row, calleeBusy: row.callee_busy, original };
  }
  return { outcome: row.outcome as 'in-progress' | 'done' };
}

/** Puts a claimed row back for later; undefined when it is no longer claimed. */
export async function postponeRetry(
  id: string,
  delaySeconds: number,
): Promise<RetryRow | undefined> {
  const [row] = await query<RetryRow>(
    `UPDATE agent_call_retry_queue
     SET status = 'scheduled', claimed_at = NULL, postponed_count = postponed_count + 1,
         run_at = now() + make_interval(secs => $2)
     WHERE id = $1 AND status = 'executing' RETURNING ${COLUMNS}`,
    [id, delaySeconds],
  );
  return row;
}

export async function finishRetry(
  id: string,
  status: Exclude<RetryStatus, 'scheduled' | 'executing'>,
  newSid: string | null = null,
): Promise<void> {
  // A finished row is final: a late or second finish changes nothing.
  await query(
    `UPDATE agent_call_retry_queue SET status = $2, new_sid = $3, executed_at = now()
     WHERE id = $1 AND status IN ('scheduled', 'executing')`,
    [id, status, newSid],
  );
}

/** Hands a claimed row back, for a transient failure that QStash will deliver again. */
export async function releaseRetry(id: string): Promise<void> {
  await query(
    `UPDATE agent_call_retry_queue SET status = 'scheduled', claimed_at = NULL
     WHERE id = $1 AND status = 'executing'`,
    [id],
  );
}

export async function retriesOf(originalSid: string): Promise<RetryRow[]> {
  return query<RetryRow>(
    `SELECT ${COLUMNS} FROM agent_call_retry_queue WHERE original_sid = $1 ORDER BY retry_attempt`,
    [originalSid],
  );
}
