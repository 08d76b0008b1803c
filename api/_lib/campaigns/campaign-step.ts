/**
 * The `campaign-step` job (docs/campaigns.md#dispatch): one short step of a running campaign.
 *   1. Claim, under the campaign's lock, as many due leads as the pace and the free concurrency
 *      allow, from the time zones whose calling window is open now; a lead on the do-not-call
 *      list at that moment is skipped instead.
 *   2. Dial each claimed lead; then dial leads a stopped step claimed and never dialled, and
 *      replay the move of leads whose call ended while the move was cut off.
 *   3. Publish the next step, or complete the campaign when no lead waits and none is on a call.
 * A campaign that is not running (paused, completed, canceled) gets nothing: pausing stops new
 * dials at once, and a late or duplicate step changes nothing. `now` is the step's clock (tests
 * pass one; the job runs on the real one).
 */
import {
  claimLeads,
  findUndialedLeads,
  findUnfollowedSessions,
  type DispatchState,
} from '../db/campaign-dispatch.js';
import { findSession } from '../db/agent-call-sessions.js';
import type { CampaignLead } from '../db/lead-attempts.js';
import { isInWindow } from '../domain/calling-window.js';
import {
  DIAL_GRACE_SECONDS,
  nextStepTick,
  stepBudget,
  type WaitingLeads,
} from '../domain/campaign-dispatch.js';
import { jobId } from '../jobs/job-id.js';
import { applyToCampaign } from './apply-to-campaign.js';
import { dialLead, type DialResult } from './dial-lead.js';
import { leadFollowsSession } from './lead-follows-session.js';
import { scheduleCampaignStep } from './schedule-campaign-step.js';

export type StepOutcome =
  | { done: true; campaign: 'not-running' }
  | {
      done: true;
      campaign: 'running' | 'completed';
      dials: Partial<Record<DialResult, number>>;
      skipped: number;
      repaired: number;
      nextTick: number | null;
    };

/** Dials started at once within a step: each is a few calls to LiveKit, QStash and LINE. */
const PARALLEL_DIALS = 5;

export async function campaignStep(
  { campaignId, tick }: { campaignId: string; tick: number },
  now = new Date(),
): Promise<StepOutcome> {
  const claim = await claimLeads(campaignId, now, (state) => ({
    limit: stepBudget({ ...state.campaign, ...state }),
    timeZones: openZones(state, now).map((w) => w.timeZone),
  }));
  if (claim.kind === 'not-running') return { done: true, campaign: 'not-running' };
  const { state, claimed } = claim;
  const dialing = claimed.filter((lead) => lead.status === 'dialing');

  const undialed = await findUndialedLeads(
    campaignId,
    new Date(now.getTime() - DIAL_GRACE_SECONDS * 1000),
  );
  const dials: Partial<Record<DialResult, number>> = {};
  await inBatches([...dialing, ...undialed], async (lead) => {
    const result = await dialLead(state.campaign, lead).catch((error: unknown) => {
      // Left claimed with no session: a later step dials it, once.
      console.warn(JSON.stringify({ level: 'warn', dialLead: lead.id, error: String(error) }));
      return undefined;
    });
    if (result) dials[result] = (dials[result] ?? 0) + 1;
  });
  const unfollowed = await findUnfollowedSessions(campaignId);
  for (const sid of unfollowed) {
    const session = await findSession(sid);
    if (session) await leadFollowsSession(session);
  }

  const nextTick = nextStepTick({
    tick,
    now,
    window: state.campaign.window,
    waiting: waitingAfter(state, claimed),
    calling: state.calling + dialing.length,
    heldBack: heldBack(state, claimed, now),
  });
  if (nextTick === null) {
    await applyToCampaign({
      id: campaignId,
      event: { type: 'complete' },
      origin: { source: 'qstash', eventId: jobId('campaign-step', `${campaignId}_${tick}`) },
    });
  } else {
    await scheduleCampaignStep(campaignId, nextTick, now);
  }
  return {
    done: true,
    campaign: nextTick === null ? 'completed' : 'running',
    dials,
    skipped: claimed.length - dialing.length,
    repaired: undialed.length + unfollowed.length,
    nextTick,
  };
}

/** Time zones with leads due now whose calling window is open now. */
function openZones(state: DispatchState, now: Date) {
  return state.waiting.filter(
    (w) => w.dueNow > 0 && isInWindow(state.campaign.window, w.timeZone, now),
  );
}

/** The waiting leads once this step's claims are taken out. */
function waitingAfter(state: DispatchState, claimed: CampaignLead[]): WaitingLeads[] {
  return state.waiting.flatMap(({ timeZone, dueNow, nextDue }): WaitingLeads[] => {
    const left = dueNow - claimed.filter((lead) => lead.timeZone === timeZone).length;
    if (left > 0) return [{ timeZone, earliestDue: null }];
    return nextDue ? [{ timeZone, earliestDue: nextDue }] : [];
  });
}

/** Why leads due now in an open window were left for a later step, if they were. */
function heldBack(
  state: DispatchState,
  claimed: CampaignLead[],
  now: Date,
): 'pace' | 'concurrency' | null {
  const left = openZones(state, now).reduce((n, w) => n + w.dueNow, 0) - claimed.length;
  if (left <= 0) return null;
  const calling = state.calling + claimed.filter((lead) => lead.status === 'dialing').length;
  return calling >= state.campaign.concurrency ? 'concurrency' : 'pace';
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL_DIALS) {
    await Promise.all(items.slice(start, start + PARALLEL_DIALS).map(work));
  }
}
