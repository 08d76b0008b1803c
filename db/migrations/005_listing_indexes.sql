-- The API key's listing of every agent call, newest first, without a scan of the whole table.
CREATE INDEX agent_call_sessions_by_created ON agent_call_sessions (created_at DESC);
