-- Campaigns (docs/campaigns.md): operators, campaigns with their settings and audit trail, the
-- leads a CSV import adds, the import's report of rejected rows, and the do-not-call list. Only
-- new tables: code before this deploy reads none of them. The state and value lists are the
-- domain's constants (tests/api/schema-constants.test.ts checks each CHECK against them).

-- Who may use the console. Admins also add and remove operators; OPERATOR_ADMINS bootstraps
-- admins on their first request. Not a foreign key to users: an admin may add someone who has
-- not signed in yet.
CREATE TABLE operators (
  line_user_id  text PRIMARY KEY CHECK (line_user_id ~ '^U[0-9a-f]{32}$'),
  role          text NOT NULL CHECK (role IN ('admin', 'operator')),
  -- The admin who added them, or 'OPERATOR_ADMINS' for the environment's bootstrap.
  added_by      text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaigns (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  script              text NOT NULL CHECK (script IN ('greeting', 'reminder', 'survey')),
  language            text NOT NULL CHECK (language IN ('en', 'ja', 'ko', 'th', 'zh-TW')),
  -- National numbers in the CSV are read as this country's (ISO 3166 alpha-2).
  default_country     text NOT NULL CHECK (default_country ~ '^[A-Z]{2}$'),
  -- Leads whose country has no single time zone (and LINE users) are called in this one.
  time_zone           text NOT NULL,
  -- The calling window, in each lead's local time: [start, end) hours on these ISO weekdays.
  window_start_hour   integer NOT NULL CHECK (window_start_hour BETWEEN 0 AND 23),
  window_end_hour     integer NOT NULL CHECK (window_end_hour BETWEEN 1 AND 24),
  window_days         integer[] NOT NULL
                      CHECK (cardinality(window_days) BETWEEN 1 AND 7
                             AND window_days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]),
  pace_per_minute     integer NOT NULL CHECK (pace_per_minute BETWEEN 1 AND 120),
  concurrency         integer NOT NULL CHECK (concurrency BETWEEN 1 AND 50),
  retry_outcomes      text[] NOT NULL
                      CHECK (retry_outcomes <@ ARRAY['no_answer', 'busy', 'failed',
                                                     'call_back_later', 'no_response']),
  retry_delay_minutes integer NOT NULL CHECK (retry_delay_minutes BETWEEN 1 AND 10080),
  max_attempts        integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
  -- The LiveKit SIP outbound trunk and the number shown to callees; unset: LIVEKIT_SIP_TRUNK_ID.
  sip_trunk_id        text,
  caller_id           text CHECK (caller_id ~ '^\+[1-9][0-9]{6,14}$'),
  status              text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'running', 'paused', 'completed', 'canceled')),
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  ended_at            timestamptz,
  CHECK (window_start_hour < window_end_hour)
);
CREATE INDEX campaigns_by_created ON campaigns (created_at DESC);

-- The campaign's audit trail, as call_events: one row per event that arrived, applied or not.
CREATE TABLE campaign_events (
  id           bigserial PRIMARY KEY,
  campaign_id  uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  type         text NOT NULL,
  from_status  text,
  to_status    text,
  source       text NOT NULL,
  event_id     text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  data         jsonb,
  UNIQUE (source, event_id)
);
CREATE INDEX campaign_events_by_campaign ON campaign_events (campaign_id, id);

-- One import of a CSV file; its rejected rows are kept for the downloadable report.
CREATE TABLE lead_imports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id   uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  imported_by   text NOT NULL,
  rows_read     integer NOT NULL CHECK (rows_read >= 0),
  added         integer NOT NULL CHECK (added >= 0),
  skipped       integer NOT NULL CHECK (skipped >= 0),
  merged        integer NOT NULL CHECK (merged >= 0),
  rejected      integer NOT NULL CHECK (rejected >= 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_imports_by_campaign ON lead_imports (campaign_id, created_at DESC);

CREATE TABLE lead_import_rejections (
  import_id  uuid NOT NULL REFERENCES lead_imports (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  reason     text NOT NULL,
  -- The row as it was written (its fields joined back with commas), for the operator to fix.
  raw        text NOT NULL,
  PRIMARY KEY (import_id, row_number)
);

-- A lead: a phone number (E.164) or a LINE user, once per campaign.
CREATE TABLE campaign_leads (
  id               bigserial PRIMARY KEY,
  campaign_id      uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  phone            text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  line_user_id     text CHECK (line_user_id ~ '^U[0-9a-f]{32}$'),
  -- The script's fields from the CSV's other columns: the agent's context for this lead.
  fields           jsonb NOT NULL DEFAULT '{}',
  time_zone        text NOT NULL,
  status           text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'dialing', 'in_call', 'retry_scheduled', 'done',
                                     'failed', 'skipped')),
  skip_reason      text CHECK (skip_reason IN ('do_not_call', 'outside_window', 'campaign_ended')),
  outcome          text CHECK (outcome IN ('no_answer', 'busy', 'failed', 'confirmed', 'declined',
                                           'call_back_later', 'no_response', 'completed')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz,
  import_id        uuid REFERENCES lead_imports (id) ON DELETE SET NULL,
  -- The CSV row it came from (the header is row 1), for the operator's questions.
  source_row       integer,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((phone IS NULL) <> (line_user_id IS NULL)),
  CHECK ((status = 'skipped') = (skip_reason IS NOT NULL))
);
-- Duplicates merge: one lead per number and per LINE user in a campaign.
CREATE UNIQUE INDEX campaign_leads_one_per_phone ON campaign_leads (campaign_id, phone)
  WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX campaign_leads_one_per_line_user ON campaign_leads (campaign_id, line_user_id)
  WHERE line_user_id IS NOT NULL;
-- The leads still to call, in order: what the dispatcher will claim.
CREATE INDEX campaign_leads_waiting ON campaign_leads (campaign_id, next_attempt_at, id)
  WHERE status IN ('pending', 'retry_scheduled');
CREATE INDEX campaign_leads_by_campaign ON campaign_leads (campaign_id, id);

-- The account's do-not-call list (this deployment is one LINE account): a number in E.164 or a
-- LINE user id. Imports mark matching leads skipped; the dispatcher checks it before each dial.
CREATE TABLE do_not_call (
  callee      text PRIMARY KEY
              CHECK (callee ~ '^\+[1-9][0-9]{6,14}$' OR callee ~ '^U[0-9a-f]{32}$'),
  reason      text CHECK (char_length(reason) <= 200),
  added_by    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
