WITH cur AS (
       SELECT r.*,
         COALESCE(p.line_user_id = r.callee_user_id OR $3::text = 'sip-' || r.sid, false) AS is_callee,
         COALESCE(r.answered_at > $4::timestamptz, false) AS stale,
         r.agent_joined_at IS NOT NULL AS agent_joined,
         r.callee_phone IS NOT NULL AS is_phone
       FROM agent_call_sessions r LEFT JOIN users p ON p.room_identity = $3::text
       WHERE r.sid = $1 FOR UPDATE OF r
     ),
     looked_up AS (SELECT cur.*, $2::jsonb -> (cur.status || '|' || cur.is_callee::text || '|' || cur.stale::text || '|' || cur.agent_joined::text || '|' || cur.is_phone::text) AS decision FROM cur),
     decided AS (
       SELECT sid AS owner, status AS from_status, decision ->> 0 AS to_status,
         decision ->> 1 AS reason, is_callee, stale, agent_joined, is_phone
       FROM looked_up
     ),
     recorded AS (
       INSERT INTO agent_call_events
         (sid, type, from_status, to_status, source, event_id, data)
       SELECT owner, $5, from_status, to_status, $6, $7, $8 FROM decided
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING 1
     ),
     updated AS (
       UPDATE agent_call_sessions r SET status = d.to_status,
         ringing_at = CASE WHEN d.to_status = 'ringing' AND r.status <> 'ringing' THEN now()
       ELSE r.ringing_at END,
         answered_at = CASE WHEN $5 = 'answer'
       THEN GREATEST(COALESCE(r.answered_at, $4::timestamptz), $4::timestamptz)
       ELSE r.answered_at END,
         timeout_at = CASE WHEN d.to_status = 'missed' THEN now() ELSE r.timeout_at END,
         agent_joined_at = CASE WHEN $5 = 'agent-joined'
       THEN COALESCE(r.agent_joined_at, $4::timestamptz) ELSE r.agent_joined_at END,
         failure_reason = CASE WHEN d.to_status IN ('ended', 'missed', 'busy', 'failed', 'canceled') AND d.to_status <> 'ended'
       THEN COALESCE(d.reason, r.failure_reason) ELSE r.failure_reason END,
         sip_status_code = COALESCE($8::jsonb ->> 'sipStatusCode', r.sip_status_code),
         ended_at = CASE WHEN d.to_status IN ('ended', 'missed', 'busy', 'failed', 'canceled') THEN now() ELSE r.ended_at END,
         duration_seconds = CASE WHEN d.to_status NOT IN ('ended', 'missed', 'busy', 'failed', 'canceled') THEN r.duration_seconds
       WHEN r.answered_at IS NULL THEN 0
       ELSE GREATEST(0, round(extract(epoch FROM now() - r.answered_at)))::int END
       FROM decided d
       WHERE r.sid = d.owner AND d.to_status IS NOT NULL
         AND EXISTS (SELECT 1 FROM recorded)
       RETURNING r.*, d.from_status
     )
     SELECT true AS after, true AS recorded, from_status, sid, room_name, callee_user_id, callee_phone, requested_by, context,
  context_supplied_by, language, script,
  status, retry_count, original_sid, timeout_notification_sent, failure_reason, sip_status_code,
  created_at, ringing_at, answered_at, ended_at, duration_seconds, campaign_lead_id,
  campaign_attempt, sip_trunk_id, caller_id FROM updated
     UNION ALL
     SELECT false, EXISTS (SELECT 1 FROM recorded), status, sid, room_name, callee_user_id, callee_phone, requested_by, context,
  context_supplied_by, language, script,
  status, retry_count, original_sid, timeout_notification_sent, failure_reason, sip_status_code,
  created_at, ringing_at, answered_at, ended_at, duration_seconds, campaign_lead_id,
  campaign_attempt, sip_trunk_id, caller_id FROM cur
     WHERE NOT EXISTS (SELECT 1 FROM updated)
