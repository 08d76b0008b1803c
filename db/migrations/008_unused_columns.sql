-- Columns nothing ever wrote or read. occurred_at on both event tables was filled by its default
-- in the same statement as created_at, so it always held the same instant, under a name that
-- promised the provider's event time. The `data` bags on agent_call_sessions and
-- agent_call_retry_queue (copied from the original agent-call schema) were never set.
-- No code names any of them, so this may run before or after the deploy that carries it.
-- Kept, though no code reads them: timestamps that record when something happened, filled by a
-- default (agent_call_retry_queue.scheduled_at: when "call me again" was asked;
-- call_quality_stats.captured_at: when a snapshot arrived) or written and only read by people
-- (users.last_seen_at, agent_call_sessions.initiated_at and timeout_at,
-- agent_call_retry_queue.executed_at).
ALTER TABLE call_events DROP COLUMN occurred_at;
ALTER TABLE agent_call_events DROP COLUMN occurred_at;
ALTER TABLE agent_call_sessions DROP COLUMN data;
ALTER TABLE agent_call_retry_queue DROP COLUMN data;
