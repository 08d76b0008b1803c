/**
 * Dials one claimed lead through the agent-call dispatcher (start-agent-call.ts): a phone through
 * the campaign's trunk and caller id, a LINE user by a push; the campaign's script and language,
 * the lead's fields as the agent's context. The session names the lead's attempt, and the unique
 * (lead, attempt) index makes a second dial of the same attempt — a duplicate step, a repair
 * racing the step it repairs — find the first one's session instead.
 */
import { startAgentCall } from '../agent-calls/start-agent-call.js';
import type { DispatchState } from '../db/campaign-dispatch.js';
import type { CampaignLead } from '../db/lead-attempts.js';
import { AppError } from '../errors.js';
import { moveLead } from './lead-follows-session.js';

export type DialResult =
  | 'dialed'
  /** Another step dialled this attempt first. */
  | 'already-dialed'
  /** Paused or over since the claim: the lead stays claimed and a step after a resume dials it. */
  | 'not-running'
  /** The dispatcher refused the callee (busy with another agent call, unreachable on LINE). */
  | 'refused'
  /** The dispatch failed; the session is failed and the lead follows it. */
  | 'failed';

export async function dialLead(
  campaign: DispatchState['campaign'],
  lead: CampaignLead,
): Promise<DialResult> {
  try {
    await startAgentCall(
      {
        to: lead.target,
        context: lead.fields,
        language: campaign.language,
        script: campaign.script,
      },
      {
        kind: 'campaign',
        leadId: lead.id,
        attempt: lead.attempts,
        sipTrunkId: campaign.sipTrunkId,
        callerId: campaign.callerId,
      },
    );
    return 'dialed';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    switch (error.code) {
      case 'attempt_already_dialed':
        return 'already-dialed';
      case 'campaign_not_running':
        return 'not-running';
      case 'call_initiation_failed':
        return 'failed';
      // Never rung, so the attempt ends here, as a busy line or a failed call would.
      case 'agent_call_in_progress':
        await moveLead(lead.id, lead.attempts, { type: 'finished', outcome: 'busy' });
        return 'refused';
      case 'callee_unreachable':
        await moveLead(lead.id, lead.attempts, { type: 'fail', reason: 'callee_unreachable' });
        return 'refused';
      default:
        throw error;
    }
  }
}
