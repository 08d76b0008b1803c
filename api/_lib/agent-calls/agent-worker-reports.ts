/**
 * What the agent worker tells the server (docs/agent-worker.md), already authenticated and
 * parsed: it is alive and which speech stack it runs (hello), a transcript turn, and how the
 * conversation ended (outcome; not kept for a call an operator took over). "Call me later" schedules a call back through the same use case
 * as the callee's own "call me again" button, by the same rules.
 */
import { leadFollowsSession } from '../campaigns/lead-follows-session.js';
import { findSession } from '../db/agent-call-sessions.js';
import { findOperatorCall } from '../db/operator-calls.js';
import {
  insertTurn,
  recordHello,
  recordOutcome,
  type TranscriptTurn,
  type WorkerHello,
} from '../db/agent-worker-reports.js';
import type { AgentOutcome } from '../domain/agent-conversation.js';
import { notFound } from '../errors.js';
import type { AgentCallRetry } from '../contract.js';
import { scheduleCallBack } from './agent-call-actions.js';
import { viewRetry } from './agent-call-view.js';

export type WorkerReport =
  | ({ type: 'hello' } & Omit<WorkerHello, 'seenAt'>)
  | ({ type: 'turn'; sid: string; seq: number } & TranscriptTurn)
  | { type: 'outcome'; sid: string; outcome: AgentOutcome; at: string };

/** What the worker is answered (200). */
export type WorkerAnswer =
  { ok: true } | { ok: true; stored: boolean } | { outcome: AgentOutcome; retry?: AgentCallRetry };

export async function receiveWorkerReport(report: WorkerReport): Promise<WorkerAnswer> {
  switch (report.type) {
    case 'hello':
      await recordHello({ agentName: report.agentName, speech: report.speech });
      return { ok: true };
    case 'turn': {
      const { sid, type: _type, ...turn } = report;
      const result = await insertTurn(sid, turn);
      if (result === 'no-session') throw noSuchSession();
      return { ok: true, stored: result === 'stored' };
    }
    case 'outcome':
      return recordSessionOutcome(report.sid, report.outcome, report.at);
  }
}

async function recordSessionOutcome(
  sid: string,
  outcome: AgentOutcome,
  at: string,
): Promise<WorkerAnswer> {
  // An operator took the call over and sent the agent out: the worker's report of that ending
  // ("no response") is not how the conversation went, and must not retry a lead a person handled.
  const call = await findOperatorCall(sid);
  if (!call) throw noSuchSession();
  if (call.takenOverBy !== null) return { ok: true, stored: false };
  const recorded = await recordOutcome(sid, outcome, at);
  if (!recorded) throw noSuchSession();
  const session = (await findSession(sid))!;
  // A campaign's call: the lead is done with this outcome, or retried by the campaign's policy
  // (which also covers "call me later"), without waiting for the room to close.
  if (session.campaignLeadId !== null) {
    await leadFollowsSession(session, recorded.outcome);
    return { outcome: recorded.outcome };
  }
  if (recorded.outcome !== 'call_back_later') return { outcome: recorded.outcome };
  // Also on a later report of a recorded "call me later": the first may have stopped half-way
  // (QStash or LINE down), and scheduling the same call back again completes it, never doubles it.
  // A phone has no LINE account to be called back through: the outcome alone is kept.
  if (!('lineUserId' in session.target)) return { outcome: recorded.outcome };
  const row = await scheduleCallBack(session, session.target.lineUserId, { source: 'agent' });
  if (!row) return { outcome: recorded.outcome };
  return { outcome: recorded.outcome, retry: viewRetry(row) };
}

const noSuchSession = () => notFound('agent_call_not_found', 'No such agent call.');
