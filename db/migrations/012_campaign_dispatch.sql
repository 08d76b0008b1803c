-- The campaign dispatcher (docs/campaigns.md#dispatch): leads move through the lifecycle engine,
-- which records each event once in an audit table; a claimed lead keeps when it was dialled, so
-- a step can count the calls started in the last minute (the pace) and find a claim a crashed
-- step never dialled; a session carries the campaign's trunk and caller id to the dial job.

-- A lead's audit trail, as call_events: one row per event that arrived, applied or not.
CREATE TABLE campaign_lead_events (
  id           bigserial PRIMARY KEY,
  lead_id      bigint NOT NULL REFERENCES campaign_leads (id) ON DELETE CASCADE,
  type         text NOT NULL,
  from_status  text,
  to_status    text,
  source       text NOT NULL,
  event_id     text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  data         jsonb,
  UNIQUE (source, event_id)
);
CREATE INDEX campaign_lead_events_by_lead ON campaign_lead_events (lead_id, id);

-- When the lead's latest attempt was claimed (the step's clock).
ALTER TABLE campaign_leads ADD COLUMN dialed_at timestamptz;
-- The leads on a call now (the concurrency), and those claimed lately (the pace).
CREATE INDEX campaign_leads_calling ON campaign_leads (campaign_id, dialed_at)
  WHERE status IN ('dialing', 'in_call');
CREATE INDEX campaign_leads_dialed ON campaign_leads (campaign_id, dialed_at)
  WHERE dialed_at IS NOT NULL;

-- The campaign's SIP trunk and caller id for a phone session; unset: LIVEKIT_SIP_TRUNK_ID and
-- the trunk's own number.
ALTER TABLE agent_call_sessions
  ADD COLUMN sip_trunk_id text,
  ADD COLUMN caller_id text CHECK (caller_id ~ '^\+[1-9][0-9]{6,14}$');
