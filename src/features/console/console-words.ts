// How the console names the server's states and numbers, in English for now (the console is
// for operators at a desk; the app's locale catalogs cover the LIFF screens).
import type {
  CampaignState,
  LeadCallee,
  LeadOutcome,
  LeadState,
  OperatorRole,
} from '../../../api/_lib/console-contract';
import type { AgentCallStatus } from '../../../api/_lib/contract';
import { ApiError } from '../../lib/api-client';

const words = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const CAMPAIGN_STATE_NAMES: Record<CampaignState, string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  canceled: 'Canceled',
};

export const LEAD_STATE_NAMES: Record<LeadState, string> = {
  pending: 'Waiting',
  dialing: 'Dialing',
  in_call: 'In call',
  retry_scheduled: 'Retry scheduled',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const ROLE_NAMES: Record<OperatorRole, string> = {
  admin: 'Admin',
  operator: 'Operator',
};

/** Who put an operator or a do-not-call entry there, as the signed-in operator reads it. */
export function addedByText(
  { addedBy, addedByName }: { addedBy: string; addedByName: string | null },
  me: { lineUserId: string },
): string {
  if (addedBy === me.lineUserId) return 'you';
  // Admins named in the OPERATOR_ADMINS setting are added by it on their first visit.
  if (addedBy === 'OPERATOR_ADMINS') return 'the OPERATOR_ADMINS setting';
  return addedByName ?? addedBy;
}

export const outcomeName = (outcome: LeadOutcome | string) =>
  outcome === 'no_answer' ? 'No answer' : words(outcome);

/** Who a live call is with: the CSV's customer_name, else the number or LINE user id. */
export const calleeName = (callee: LeadCallee) =>
  callee.name ?? callee.phone ?? callee.lineUserId ?? 'Unknown';

export const callStatusName = (status: AgentCallStatus) => words(status);

/** 75 → "1:15"; 3725 → "1:02:05". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** An error as one line for an operator: the server's message, or what went wrong on the way. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return "Couldn't reach the server. Check the connection and try again.";
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
