/**
 * What the agent is told, as JSON job metadata. Agent workers are often Python, so keys are
 * snake_case, the caller's context included ("orderId" arrives as "order_id"). `requested_by`
 * says who supplied the context: `backend` (a system with the API key, trusted) or `user` (the
 * callee asking for themselves, whose call carries no free-form context at all). `script` is the
 * conversation to hold; `callee_name` the LINE display name (null for a phone or an unknown name).
 * The worker's side of this contract is docs/agent-worker.md.
 */
import type { AgentCallSession } from '../db/agent-call-sessions.js';

export function agentMetadata(session: AgentCallSession, calleeName: string | null): string {
  return JSON.stringify({
    session_id: session.sid,
    room: session.room,
    callee:
      'lineUserId' in session.target
        ? { type: 'line', line_user_id: session.target.lineUserId }
        : { type: 'phone', phone_number: session.target.phone },
    language: session.language,
    retry_count: session.retryCount,
    original_session_id: session.originalSid,
    requested_by: session.contextSuppliedBy,
    context: snakeCaseKeys(session.context ?? {}),
    script: session.script,
    callee_name: calleeName,
  });
}

function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [toSnakeCase(key), snakeCaseKeys(inner)]),
  );
}

function toSnakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}
