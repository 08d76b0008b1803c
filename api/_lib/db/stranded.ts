/**
 * What the sweeper looks for: rows whose normal next step (a QStash job, a party joining) should
 * have happened by now and did not. Read-only; the sweeper resolves each row through the same
 * use case the normal path runs, so what it does is recorded once under the same event ids.
 */
import { AGENT_LIVE_STATES, AGENT_RINGING_STATES } from '../domain/agent-call-lifecycle.js';
import { RINGING_STATES } from '../domain/call-lifecycle.js';
import { query } from './pool.js';
import { inList } from './sql.js';

export interface Stranded {
  /** 1:1 calls still initiated/ringing past the ring deadline, or missed with no notice sent. */
  unansweredCalls: string[];
  /** 1:1 calls accepted long ago that never connected (nobody, or only one party, joined). */
  unjoinedCalls: string[];
  /** Agent calls still initiated/ringing past the ring deadline, or missed with no notice sent. */
  unansweredAgentCalls: string[];
  /** Live agent calls no agent joined, past the agent's join time: the no-agent check was lost. */
  agentlessAgentCalls: string[];
  /** "Call me again" rows due (or claimed by a delivery that died) with no delivery since. */
  overdueRetries: string[];
}

export async function findStranded(options: {
  graceSeconds: number;
  ringSeconds: number;
  joinSeconds: number;
  agentJoinSeconds: number;
  claimLeaseSeconds: number;
  limit: number;
}): Promise<Stranded> {
  const { graceSeconds, ringSeconds, joinSeconds, claimLeaseSeconds, limit, agentJoinSeconds } =
    options;
  const rows = await query<{ kind: keyof Stranded; id: string }>(
    `(SELECT 'unansweredCalls' AS kind, id::text FROM calls
      WHERE (status IN ${inList(RINGING_STATES)}
             AND created_at < now() - make_interval(secs => $1::int + $2::int))
         OR (status = 'missed' AND missed_notified_at IS NULL
             AND ended_at < now() - make_interval(secs => $1::int))
      ORDER BY created_at LIMIT $5)
     UNION ALL
     (SELECT 'unjoinedCalls', id::text FROM calls
      WHERE status = 'accepted' AND accepted_at < now() - make_interval(secs => $3::int)
      ORDER BY accepted_at LIMIT $5)
     UNION ALL
     (SELECT 'unansweredAgentCalls', sid FROM agent_call_sessions
      WHERE (status IN ${inList(AGENT_RINGING_STATES)}
             AND created_at < now() - make_interval(secs => $1::int + $2::int))
         OR (status = 'missed' AND NOT timeout_notification_sent
             AND ended_at < now() - make_interval(secs => $1::int))
      ORDER BY created_at LIMIT $5)
     UNION ALL
     (SELECT 'agentlessAgentCalls', sid FROM agent_call_sessions
      WHERE status IN ${inList(AGENT_LIVE_STATES)} AND agent_joined_at IS NULL
        AND created_at < now() - make_interval(secs => $1::int + $6::int)
      ORDER BY created_at LIMIT $5)
     UNION ALL
     (SELECT 'overdueRetries', id::text FROM agent_call_retry_queue
      WHERE (status = 'scheduled' AND run_at < now() - make_interval(secs => $1::int))
         OR (status = 'executing' AND claimed_at < now() - make_interval(secs => $4::int))
      ORDER BY run_at LIMIT $5)`,
    [graceSeconds, ringSeconds, joinSeconds, claimLeaseSeconds, limit, agentJoinSeconds],
  );
  const stranded: Stranded = {
    unansweredCalls: [],
    unjoinedCalls: [],
    unansweredAgentCalls: [],
    agentlessAgentCalls: [],
    overdueRetries: [],
  };
  for (const row of rows) stranded[row.kind].push(row.id);
  return stranded;
}
