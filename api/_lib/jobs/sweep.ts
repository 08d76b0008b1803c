/**
 * The `sweep` job: a QStash schedule delivers it every minute (see README, "Periodic sweep"; the
 * dev server's QStash stand-in runs the same schedule). It resolves what a lost or never-published
 * job, or a party who never came, left behind:
 *   - a 1:1 or agent call still ringing past its deadline → the ring time-out, as the job would;
 *   - a missed call whose notice never went out → the notice;
 *   - an accepted 1:1 call nobody joined within JOIN_SECONDS → failed (it blocked the pair);
 *   - a live agent call no agent joined within 20 s → failed `no_agent`, as its check would;
 *   - a "call me again" row overdue → executed, as its job would;
 *   - a running campaign → a step on the idle grid, which merges with the campaign's own chain
 *     of steps (same tick, same deduplication id) and revives one that was lost.
 * Each goes through the normal use case with the normal event id or claim, so a sweep and a late
 * job (or two sweeps) together still change a row once and push once.
 */
import { agentJoinCheck } from '../agent-calls/agent-join-check.js';
import { agentRingTimeout } from '../agent-calls/agent-ring-timeout.js';
import { AGENT_JOIN_SECONDS } from '../domain/agent-conversation.js';
import { executeRetry } from '../agent-calls/execute-retry.js';
import { applyToCall } from '../calls/apply-to-call.js';
import { RING_SECONDS } from '../domain/ring-time.js';
import { ringTimeout } from '../calls/ring-timeout.js';
import { CLAIM_LEASE_SECONDS } from '../db/agent-call-retries.js';
import { findStranded, type Stranded } from '../db/stranded.js';
import { runningCampaignIds } from '../db/campaign-dispatch.js';
import { idleGridTick } from '../domain/campaign-dispatch.js';
import { scheduleCampaignStep } from '../campaigns/schedule-campaign-step.js';
import { jobId } from './job-id.js';

/** How late a job may be before the sweep steps in: QStash's own retries come first. */
const GRACE_SECONDS = 30;
/** An accepted call whose parties are not both in the room by then will not connect. */
const JOIN_SECONDS = 60;
/** Rows per kind per sweep, so one sweep stays well inside a function's time limit. */
const BATCH = 25;

export type SweepOutcome = {
  done: true;
  resolved: Record<keyof Stranded, number>;
  campaigns: number;
  errors: number;
};

export async function sweep(): Promise<SweepOutcome> {
  const stranded = await findStranded({
    graceSeconds: GRACE_SECONDS,
    ringSeconds: RING_SECONDS,
    joinSeconds: JOIN_SECONDS,
    agentJoinSeconds: AGENT_JOIN_SECONDS,
    claimLeaseSeconds: CLAIM_LEASE_SECONDS,
    limit: BATCH,
  });
  let errors = 0;
  const each = async (ids: string[], resolve: (id: string) => Promise<unknown>) => {
    for (const id of ids) {
      // One row's trouble (a dependency down, another delivery holding a claim) must not stop
      // the rest; the next sweep tries it again.
      await resolve(id).catch((error: unknown) => {
        errors++;
        console.warn(JSON.stringify({ level: 'warn', sweep: id, error: String(error) }));
      });
    }
    return ids.length;
  };
  const resolved = {
    unansweredCalls: await each(stranded.unansweredCalls, ringTimeout),
    unjoinedCalls: await each(stranded.unjoinedCalls, (id) =>
      applyToCall({
        id,
        event: { type: 'fail', reason: 'nobody joined after the call was accepted' },
        origin: { source: 'system', eventId: jobId('sweep', id) },
      }),
    ),
    unansweredAgentCalls: await each(stranded.unansweredAgentCalls, agentRingTimeout),
    // After the ring time-outs: a call already missed is not also failed for want of an agent.
    agentlessAgentCalls: await each(stranded.agentlessAgentCalls, agentJoinCheck),
    overdueRetries: await each(stranded.overdueRetries, executeRetry),
  };
  const tick = idleGridTick(new Date());
  const campaigns = await each(await runningCampaignIds(), (id) => scheduleCampaignStep(id, tick));
  return { done: true, resolved, campaigns, errors };
}
