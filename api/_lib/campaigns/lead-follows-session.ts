/**
 * A campaign lead follows the agent call of its current attempt: answered → on the call; over →
 * done with its outcome, retried when the campaign's policy says so (at the delay, moved into the
 * lead's next calling window), or failed. Run as the session's `follow-lead` effect, by the agent
 * worker's outcome report, and by a step repairing a move that was cut off; the event id names the
 * lead, the attempt and the event, so whichever comes second changes nothing.
 */
import type { AgentCallSession } from '../db/agent-call-sessions.js';
import { outcomeOf } from '../db/agent-worker-reports.js';
import { findRetryPlan } from '../db/lead-attempts.js';
import type { AgentOutcome } from '../domain/agent-conversation.js';
import { nextWindowOpening } from '../domain/calling-window.js';
import { leadEventOfCall, type LeadEvent } from '../domain/lead-lifecycle.js';
import { applyToLead } from './apply-to-lead.js';

export async function leadFollowsSession(
  session: AgentCallSession,
  reported?: AgentOutcome,
): Promise<void> {
  if (session.campaignLeadId === null || session.campaignAttempt === null) return;
  const outcome =
    reported ??
    (session.status === 'ended' ? ((await outcomeOf(session.sid))?.outcome ?? null) : null);
  const event: LeadEvent | undefined = reported
    ? { type: 'finished', outcome: reported }
    : leadEventOfCall({ status: session.status, outcome, failureReason: session.failureReason });
  if (!event) return;
  await moveLead(session.campaignLeadId, session.campaignAttempt, event, { sid: session.sid });
}

/**
 * Applies an event to one attempt of a lead; an attempt that ends carries when a retry would be
 * due, for the store to keep if the policy retries it.
 */
export async function moveLead(
  leadId: number,
  attempt: number,
  event: LeadEvent,
  data: Record<string, unknown> = {},
  now = new Date(),
): Promise<void> {
  const retryAt =
    event.type === 'finished' || event.type === 'fail' ? await retryTime(leadId, now) : undefined;
  await applyToLead({
    id: String(leadId),
    event,
    origin: {
      source: 'system',
      eventId: `lead_${leadId}_a${attempt}_${event.type}`,
      data: { ...data, ...(retryAt ? { retryAt: retryAt.toISOString() } : {}) },
    },
  });
}

/** When a retry of the lead would be due: after the campaign's delay, inside the lead's window. */
async function retryTime(leadId: number, now: Date): Promise<Date | undefined> {
  const plan = await findRetryPlan(leadId);
  if (!plan) return undefined;
  const after = new Date(now.getTime() + plan.delayMinutes * 60_000);
  return nextWindowOpening(plan.window, plan.timeZone, after);
}
