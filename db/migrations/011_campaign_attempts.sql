-- A campaign lead's attempts are agent call sessions: the dispatcher starts each one through the
-- agent-call dispatcher, marked with the lead and the attempt's number (docs/campaigns.md).
ALTER TABLE agent_call_sessions
  ADD COLUMN campaign_lead_id bigint REFERENCES campaign_leads (id) ON DELETE SET NULL,
  ADD COLUMN campaign_attempt integer CHECK (campaign_attempt >= 1),
  ADD CHECK ((campaign_lead_id IS NULL) = (campaign_attempt IS NULL));

-- Exactly once: a duplicate, late or concurrent step that claims the same attempt of a lead
-- finds its session already there instead of dialing it a second time.
CREATE UNIQUE INDEX agent_call_sessions_one_per_attempt
  ON agent_call_sessions (campaign_lead_id, campaign_attempt)
  WHERE campaign_lead_id IS NOT NULL;

ALTER TABLE agent_call_sessions DROP CONSTRAINT agent_call_sessions_requested_by_check;
ALTER TABLE agent_call_sessions ADD CONSTRAINT agent_call_sessions_requested_by_check
  CHECK (requested_by IN ('self', 'api', 'retry', 'campaign'));
