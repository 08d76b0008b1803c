-- The console's live monitor and take-over (docs/campaigns.md#the-live-monitor). Only new columns
-- and indexes: code before this deploy reads none of them.

-- The operator who took a call over from the agent, and when: set once (a second operator is
-- refused), never cleared. Their room identity (the latest token's) is how the LiveKit webhook
-- knows the operator hung up by leaving, which ends the call as the callee leaving does.
ALTER TABLE agent_call_sessions
  ADD COLUMN taken_over_by text,
  ADD COLUMN taken_over_at timestamptz,
  ADD COLUMN taken_over_identity text CHECK (taken_over_identity ~ '^operator-[0-9a-f]{32}$'),
  ADD CHECK ((taken_over_by IS NULL) = (taken_over_at IS NULL)),
  ADD CHECK ((taken_over_by IS NULL) = (taken_over_identity IS NULL));

-- The monitor, polled every ~2 s per operator: a campaign's live calls are found from the few
-- live campaign sessions (this index stays small), not by joining every lead of the campaign.
CREATE INDEX agent_call_sessions_live_by_lead ON agent_call_sessions (campaign_lead_id)
  WHERE campaign_lead_id IS NOT NULL AND status IN ('initiated', 'ringing', 'answered');

-- The monitor's and results' lead counts by state and outcome, read from the index alone.
CREATE INDEX campaign_leads_by_state ON campaign_leads (campaign_id, status, outcome);

-- Calls outside campaigns by day, for the admins' analytics.
CREATE INDEX agent_call_sessions_outside_campaigns ON agent_call_sessions (created_at)
  WHERE campaign_lead_id IS NULL;
