-- Hardening: limits the database holds under concurrency, who may be rung, where an
-- agent's context came from, start effects a replay can finish, and LINE follow/unfollow order.

-- When the user first signed in to the app themselves. A row created only because a backend
-- dispatched an agent call to that LINE id stays NULL: such a user cannot be rung by LIFF users.
ALTER TABLE users ADD COLUMN signed_in_at timestamptz;
UPDATE users SET signed_in_at = last_seen_at WHERE display_name <> 'LINE user';

-- At most one live agent call per callee (a LINE user or a phone number), however many requests
-- arrive together, as calls_one_live_per_pair does for 1:1 calls.
CREATE UNIQUE INDEX agent_call_sessions_one_live_per_user
  ON agent_call_sessions (callee_user_id)
  WHERE callee_user_id IS NOT NULL AND status IN ('initiated', 'ringing', 'answered');
CREATE UNIQUE INDEX agent_call_sessions_one_live_per_phone
  ON agent_call_sessions (callee_phone)
  WHERE callee_phone IS NOT NULL AND status IN ('initiated', 'ringing', 'answered');

-- Who supplied the agent's context: the callee themselves (no free-form context) or a backend
-- with the API key. A retry keeps the original's context and its supplier.
ALTER TABLE agent_call_sessions
  ADD COLUMN context_supplied_by text NOT NULL DEFAULT 'user'
  CHECK (context_supplied_by IN ('user', 'backend'));
UPDATE agent_call_sessions SET context_supplied_by = 'backend' WHERE requested_by = 'api';

-- A start's side effects (time-out scheduled, callee rung) are done once this is set; a replay of
-- the same Idempotency-Key finds it NULL after a crash and completes them.
ALTER TABLE calls ADD COLUMN start_effects_done_at timestamptz;
UPDATE calls SET start_effects_done_at = created_at;

-- LINE follow/unfollow, newest first: the latest event per user by LINE's timestamp (a
-- redelivery or an older event changes nothing), kept even for someone not yet in users, so an
-- unfollow before they sign in is remembered.
CREATE TABLE line_follow_states (
  line_user_id      text PRIMARY KEY CHECK (line_user_id ~ '^U[0-9a-f]{32}$'),
  can_receive_push  boolean NOT NULL,
  event_at          timestamptz NOT NULL,
  webhook_event_id  text NOT NULL
);

-- A phone agent call is dialled by a `dial-out` job, not inside the start request (a dial holds
-- for the whole ring, longer than a request may run). The job claims the dial once.
ALTER TABLE agent_call_sessions ADD COLUMN dial_started_at timestamptz;
