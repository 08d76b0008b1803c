-- The agent worker (docs/agent-worker.md): which conversation a session runs, whether the agent
-- ever joined its room, what the worker reported (the transcript and the outcome) and when a
-- worker last said hello. Only new columns and tables: code before this deploy reads none of them.

-- The conversation the agent holds. A retry copies its original's, so it keeps the script.
ALTER TABLE agent_call_sessions ADD COLUMN script text NOT NULL DEFAULT 'reminder'
  CHECK (script IN ('greeting', 'reminder', 'survey'));
-- When the agent's participant first joined the room (LiveKit participant_joined, kind AGENT):
-- a live session without one 20 s after the dispatch fails with `no_agent`.
ALTER TABLE agent_call_sessions ADD COLUMN agent_joined_at timestamptz;
-- Calls live while this deploys were dispatched before anyone recorded an agent's join: count
-- them as joined (at their start), so the sweep does not fail a call in progress for `no_agent`.
UPDATE agent_call_sessions SET agent_joined_at = created_at
  WHERE status IN ('initiated', 'ringing', 'answered');

-- One row per turn the worker reported; (sid, seq) makes a redelivered turn a no-op.
CREATE TABLE agent_call_transcript_turns (
  sid          text NOT NULL REFERENCES agent_call_sessions (sid) ON DELETE CASCADE,
  seq          integer NOT NULL CHECK (seq >= 0),
  speaker      text NOT NULL CHECK (speaker IN ('agent', 'callee')),
  text         text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
  spoken_at    timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sid, seq)
);

-- The outcome of a session's conversation: one row, the first report wins (INSERT … ON CONFLICT
-- DO NOTHING, so two reports arriving together still leave exactly the first one committed).
CREATE TABLE agent_call_outcomes (
  sid          text PRIMARY KEY REFERENCES agent_call_sessions (sid) ON DELETE CASCADE,
  outcome      text NOT NULL
               CHECK (outcome IN ('confirmed', 'declined', 'call_back_later', 'no_response',
                                  'completed')),
  reported_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);

-- The last hello of each worker (by agent name): /api/health shows one seen in the last 3 minutes.
CREATE TABLE agent_worker_hellos (
  agent_name   text PRIMARY KEY,
  speech       jsonb NOT NULL,
  seen_at      timestamptz NOT NULL DEFAULT now()
);
