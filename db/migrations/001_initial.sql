-- The first schema (docs/architecture.md#data): users, 1:1 calls with their audit trail, and the
-- agent call tables (sessions, events, retry queue). Every state change in the app is a
-- conditional UPDATE against these CHECKs; every provider event id is unique, so a second
-- delivery of the same webhook or job is recognised by the statement that would apply it.

CREATE TABLE users (
  line_user_id   text PRIMARY KEY CHECK (line_user_id ~ '^U[0-9a-f]{32}$'),
  display_name   text NOT NULL,
  picture_url    text,
  language       text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ja', 'ko', 'th', 'zh-TW')),
  -- Set by the LINE follow/unfollow webhook: pushes only reach users who follow the bot.
  can_receive_push boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now()
);

-- 1:1 calls (docs/lifecycles.md#11-call): initiated → ringing → accepted → connected → ended,
-- plus terminal declined, missed, canceled, failed.
CREATE TABLE calls (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  caller_id        text NOT NULL REFERENCES users (line_user_id),
  callee_id        text NOT NULL REFERENCES users (line_user_id),
  media            text NOT NULL CHECK (media IN ('video', 'audio')),
  status           text NOT NULL DEFAULT 'initiated'
                   CHECK (status IN ('initiated', 'ringing', 'accepted', 'connected', 'ended',
                                     'declined', 'missed', 'canceled', 'failed')),
  idempotency_key  text,
  end_reason       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  ringing_at       timestamptz,
  accepted_at      timestamptz,
  connected_at     timestamptz,
  ended_at         timestamptz,
  duration_seconds integer CHECK (duration_seconds >= 0),
  -- Who is in the room: connected is when both are, after the callee accepted.
  caller_joined_at timestamptz,
  callee_joined_at timestamptz,
  -- The missed-call push goes out once, even when the time-out job is delivered again.
  missed_notified_at timestamptz,
  CHECK (caller_id <> callee_id),
  UNIQUE (caller_id, idempotency_key)
);

-- One live call per pair, whichever way round: two simultaneous starts yield exactly one call.
CREATE UNIQUE INDEX calls_one_live_per_pair
  ON calls (LEAST(caller_id, callee_id), GREATEST(caller_id, callee_id))
  WHERE status IN ('initiated', 'ringing', 'accepted', 'connected');
-- History, the hourly start limit, and the busy check read by party and time.
CREATE INDEX calls_by_caller ON calls (caller_id, created_at DESC);
CREATE INDEX calls_by_callee ON calls (callee_id, created_at DESC);

CREATE TABLE call_events (
  id           bigserial PRIMARY KEY,
  call_id      uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  type         text NOT NULL,
  from_status  text,
  to_status    text,
  -- Who reported it ('user', 'livekit', 'line', 'qstash') and its id there, when it has one.
  source       text NOT NULL,
  event_id     text,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  data         jsonb,
  UNIQUE (source, event_id)
);
CREATE INDEX call_events_by_call ON call_events (call_id, id);

-- Agent calls (docs/lifecycles.md#agent-call): to a LINE user or to a phone through a SIP trunk.
CREATE TABLE agent_call_sessions (
  sid                        text PRIMARY KEY,
  room_name                  text NOT NULL UNIQUE,
  callee_user_id             text REFERENCES users (line_user_id),
  callee_phone               text CHECK (callee_phone ~ '^\+[1-9][0-9]{6,14}$'),
  requested_by               text NOT NULL CHECK (requested_by IN ('self', 'api', 'retry')),
  context                    jsonb,
  language                   text NOT NULL DEFAULT 'en'
                             CHECK (language IN ('en', 'ja', 'ko', 'th', 'zh-TW')),
  status                     text NOT NULL DEFAULT 'initiated'
                             CHECK (status IN ('initiated', 'ringing', 'answered', 'ended',
                                               'missed', 'busy', 'failed', 'canceled')),
  retry_count                integer NOT NULL DEFAULT 0 CHECK (retry_count BETWEEN 0 AND 3),
  original_sid               text REFERENCES agent_call_sessions (sid),
  timeout_notification_sent  boolean NOT NULL DEFAULT false,
  failure_reason             text,
  sip_status_code            text,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  initiated_at               timestamptz,
  ringing_at                 timestamptz,
  -- When the callee (last) joined, from LiveKit's event time: a leave older than it is stale.
  answered_at                timestamptz,
  timeout_at                 timestamptz,
  ended_at                   timestamptz,
  duration_seconds           integer CHECK (duration_seconds >= 0),
  data                       jsonb,
  CHECK ((callee_user_id IS NULL) <> (callee_phone IS NULL))
);
-- The busy check ("a live call in the last 2 minutes") and the callee's history.
CREATE INDEX agent_call_sessions_by_callee
  ON agent_call_sessions (callee_user_id, created_at DESC);
CREATE INDEX agent_call_sessions_by_original ON agent_call_sessions (original_sid);

CREATE TABLE agent_call_events (
  id           bigserial PRIMARY KEY,
  sid          text NOT NULL REFERENCES agent_call_sessions (sid) ON DELETE CASCADE,
  type         text NOT NULL,
  from_status  text,
  to_status    text,
  source       text NOT NULL,
  event_id     text,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  data         jsonb,
  UNIQUE (source, event_id)
);
CREATE INDEX agent_call_events_by_sid ON agent_call_events (sid, id);

-- "Call me again in 5 minutes": at most 3 attempts per original call, each claimed once.
CREATE TABLE agent_call_retry_queue (
  id              bigserial PRIMARY KEY,
  original_sid    text NOT NULL REFERENCES agent_call_sessions (sid),
  callee_user_id  text NOT NULL REFERENCES users (line_user_id),
  language        text NOT NULL DEFAULT 'en'
                  CHECK (language IN ('en', 'ja', 'ko', 'th', 'zh-TW')),
  retry_attempt   integer NOT NULL CHECK (retry_attempt BETWEEN 1 AND 3),
  status          text NOT NULL DEFAULT 'scheduled'
                  CHECK (status IN ('scheduled', 'executing', 'executed', 'canceled', 'gave_up',
                                    'failed')),
  postponed_count integer NOT NULL DEFAULT 0 CHECK (postponed_count BETWEEN 0 AND 2),
  scheduled_at    timestamptz NOT NULL DEFAULT now(),
  run_at          timestamptz NOT NULL,
  -- Set when a delivery claims the row; a claim older than the job's time limit may be retaken.
  claimed_at      timestamptz,
  executed_at     timestamptz,
  new_sid         text REFERENCES agent_call_sessions (sid),
  data            jsonb,
  UNIQUE (original_sid, retry_attempt)
);
CREATE INDEX agent_call_retry_queue_due ON agent_call_retry_queue (status, run_at);
