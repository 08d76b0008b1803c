/**
 * An agent call as an operator on the console acts on it: listening in, taking it over from the
 * agent (recorded once, with an audit event), hanging it up; and whether a participant leaving
 * its room is the operator who took it over.
 */
import { randomBytes } from 'node:crypto';
import type { AgentCallState } from '../domain/agent-call-lifecycle.js';
import { query } from './pool.js';

/**
 * An operator in a call's room, new for each token: never their LINE user id, which the callee's
 * app would see (docs/decisions.md#opaque-room-identities). The pattern is the column's CHECK.
 */
const OPERATOR_IDENTITY = /^operator-[0-9a-f]{32}$/;
export const newOperatorIdentity = () => `operator-${randomBytes(16).toString('hex')}`;

export interface OperatorCall {
  sid: string;
  room: string;
  status: AgentCallState;
  /** Set when the call is a campaign's attempt at a lead. */
  campaignLeadId: number | null;
  takenOverBy: string | null;
}

interface OperatorCallRow {
  sid: string;
  room_name: string;
  status: AgentCallState;
  campaign_lead_id: string | null;
  taken_over_by: string | null;
}

const COLUMNS = 'sid, room_name, status, campaign_lead_id, taken_over_by';

export async function findOperatorCall(sid: string): Promise<OperatorCall | undefined> {
  const [row] = await query<OperatorCallRow>(
    `SELECT ${COLUMNS} FROM agent_call_sessions WHERE sid = $1`,
    [sid],
  );
  return row && toOperatorCall(row);
}

/**
 * Records that `operatorId` takes the answered call over, unless another operator already has:
 * one conditional UPDATE, so of two operators at once exactly one gets the row. The same operator
 * asking again (a retry after a lost answer) gets it again, with the first time kept. The
 * session's audit trail records the take-over once.
 */
export async function claimTakeOver(
  sid: string,
  operatorId: string,
  identity: string,
): Promise<OperatorCall | undefined> {
  const [row] = await query<OperatorCallRow>(
    `WITH claimed AS (
       UPDATE agent_call_sessions
       SET taken_over_by = $2, taken_over_at = COALESCE(taken_over_at, now()),
         taken_over_identity = $3
       WHERE sid = $1 AND status = 'answered' AND (taken_over_by IS NULL OR taken_over_by = $2)
       RETURNING ${COLUMNS}, (taken_over_at = now()) AS first
     ), audited AS (
       INSERT INTO agent_call_events (sid, type, from_status, to_status, source, data)
       SELECT sid, 'take-over', status, status, 'user', jsonb_build_object('operator', $2::text)
       FROM claimed WHERE first
     )
     SELECT ${COLUMNS} FROM claimed`,
    [sid, operatorId, identity],
  );
  return row && toOperatorCall(row);
}

/** Whether `identity` is the operator who took the live call over (their latest token's). */
export async function isTakingOverOperator(sid: string, identity: string): Promise<boolean> {
  // Anyone else leaving (the callee, the agent) costs the webhook no extra statement.
  if (!OPERATOR_IDENTITY.test(identity)) return false;
  const [row] = await query<{ taking_over: boolean }>(
    `SELECT taken_over_identity = $2 AS taking_over FROM agent_call_sessions WHERE sid = $1`,
    [sid, identity],
  );
  return row?.taking_over === true;
}

function toOperatorCall(row: OperatorCallRow): OperatorCall {
  return {
    sid: row.sid,
    room: row.room_name,
    status: row.status,
    campaignLeadId: row.campaign_lead_id === null ? null : Number(row.campaign_lead_id),
    takenOverBy: row.taken_over_by,
  };
}
