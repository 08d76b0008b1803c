WITH cur AS (
       SELECT r.*,
         EXISTS (SELECT 1 FROM campaigns c WHERE c.id = r.campaign_id
        AND c.status NOT IN ('completed', 'canceled') AND r.attempts < c.max_attempts
        AND COALESCE($8::jsonb ->> 'outcome', 'failed') = ANY (c.retry_outcomes)) AS retry_allowed
       FROM campaign_leads r LEFT JOIN users p ON p.room_identity = $3::text
       WHERE r.id = $1 FOR UPDATE OF r
     ),
     looked_up AS (SELECT cur.*, $2::jsonb -> (cur.status || '|' || cur.retry_allowed::text) AS decision FROM cur),
     decided AS (
       SELECT id AS owner, status AS from_status, decision ->> 0 AS to_status,
         decision ->> 1 AS reason, retry_allowed
       FROM looked_up
     ),
     recorded AS (
       INSERT INTO campaign_lead_events
         (lead_id, type, from_status, to_status, source, event_id, data)
       SELECT owner, $5, from_status, to_status, $6, $7, $8 FROM decided
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING 1
     ),
     updated AS (
       UPDATE campaign_leads r SET status = d.to_status,
         skip_reason = CASE WHEN d.to_status = 'skipped' THEN d.reason ELSE r.skip_reason END,
         outcome = CASE WHEN d.to_status IN ('done', 'failed', 'retry_scheduled')
       THEN COALESCE($8::jsonb ->> 'outcome', 'failed') ELSE r.outcome END,
         next_attempt_at = CASE WHEN d.to_status = 'retry_scheduled'
       THEN COALESCE(($8::jsonb ->> 'retryAt')::timestamptz, now()) ELSE r.next_attempt_at END,
         updated_at = COALESCE($4::timestamptz, now())
       FROM decided d
       WHERE r.id = d.owner AND d.to_status IS NOT NULL
         AND EXISTS (SELECT 1 FROM recorded)
       RETURNING r.*, d.from_status
     )
     SELECT true AS after, true AS recorded, from_status, id, campaign_id, phone, line_user_id, fields, time_zone, status,
  skip_reason, outcome, attempts, next_attempt_at, dialed_at FROM updated
     UNION ALL
     SELECT false, EXISTS (SELECT 1 FROM recorded), status, id, campaign_id, phone, line_user_id, fields, time_zone, status,
  skip_reason, outcome, attempts, next_attempt_at, dialed_at FROM cur
     WHERE NOT EXISTS (SELECT 1 FROM updated)
