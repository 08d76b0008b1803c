WITH cur AS (
       SELECT r.*,
         EXISTS (SELECT 1 FROM campaign_leads l WHERE l.campaign_id = r.id
                   AND l.status IN ('pending', 'retry_scheduled', 'dialing', 'in_call')) AS has_leads
       FROM campaigns r LEFT JOIN users p ON p.room_identity = $3::text
       WHERE r.id = $1 FOR UPDATE OF r
     ),
     looked_up AS (SELECT cur.*, $2::jsonb -> (cur.status || '|' || cur.has_leads::text) AS decision FROM cur),
     decided AS (
       SELECT id AS owner, status AS from_status, decision ->> 0 AS to_status,
         decision ->> 1 AS reason, has_leads
       FROM looked_up
     ),
     recorded AS (
       INSERT INTO campaign_events
         (campaign_id, type, from_status, to_status, source, event_id, data)
       SELECT owner, $5, from_status, to_status, $6, $7, $8 FROM decided
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING 1
     ),
     updated AS (
       UPDATE campaigns r SET status = d.to_status,
         updated_at = COALESCE($4::timestamptz, now()),
         started_at = CASE WHEN d.to_status = 'running' THEN COALESCE(r.started_at, now())
         ELSE r.started_at END,
         ended_at = CASE WHEN d.to_status IN ('completed', 'canceled') THEN now() ELSE r.ended_at END
       FROM decided d
       WHERE r.id = d.owner AND d.to_status IS NOT NULL
         AND EXISTS (SELECT 1 FROM recorded)
       RETURNING r.*, d.from_status
     )
     SELECT true AS after, true AS recorded, from_status, id, name, script, language, default_country, time_zone, window_start_hour,
  window_end_hour, window_days, pace_per_minute, concurrency, retry_outcomes,
  retry_delay_minutes, max_attempts, sip_trunk_id, caller_id, status, created_by, created_at,
  updated_at, started_at, ended_at FROM updated
     UNION ALL
     SELECT false, EXISTS (SELECT 1 FROM recorded), status, id, name, script, language, default_country, time_zone, window_start_hour,
  window_end_hour, window_days, pace_per_minute, concurrency, retry_outcomes,
  retry_delay_minutes, max_attempts, sip_trunk_id, caller_id, status, created_by, created_at,
  updated_at, started_at, ended_at FROM cur
     WHERE NOT EXISTS (SELECT 1 FROM updated)
