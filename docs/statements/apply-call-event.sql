WITH cur AS (
       SELECT r.*,
         CASE WHEN p.line_user_id = r.caller_id THEN 'caller'
                 WHEN p.line_user_id = r.callee_id THEN 'callee' ELSE 'none' END AS party,
         CASE WHEN p.line_user_id = r.caller_id THEN r.callee_joined_at IS NOT NULL
                 WHEN p.line_user_id = r.callee_id THEN r.caller_joined_at IS NOT NULL ELSE false END AS other_joined,
         COALESCE(CASE WHEN p.line_user_id = r.caller_id THEN r.caller_joined_at > $4::timestamptz
                          WHEN p.line_user_id = r.callee_id THEN r.callee_joined_at > $4::timestamptz
                     END, false) AS stale
       FROM calls r LEFT JOIN users p ON p.room_identity = $3::text
       WHERE r.id = $1 FOR UPDATE OF r
     ),
     looked_up AS (SELECT cur.*, $2::jsonb -> (cur.status || '|' || cur.party::text || '|' || cur.other_joined::text || '|' || cur.stale::text) AS decision FROM cur),
     decided AS (
       SELECT id AS owner, status AS from_status, decision ->> 0 AS to_status,
         decision ->> 1 AS reason, party, other_joined, stale
       FROM looked_up
     ),
     recorded AS (
       INSERT INTO call_events
         (call_id, type, from_status, to_status, source, event_id, data)
       SELECT owner, $5, from_status, to_status, $6, $7, $8 FROM decided
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING 1
     ),
     updated AS (
       UPDATE calls r SET status = d.to_status,
         ringing_at = CASE WHEN d.to_status = 'ringing' THEN COALESCE(r.ringing_at, now()) ELSE r.ringing_at END,
         accepted_at = CASE WHEN d.to_status = 'accepted' THEN now() ELSE r.accepted_at END,
         connected_at = CASE WHEN d.to_status = 'connected' THEN COALESCE(r.connected_at, now())
       ELSE r.connected_at END,
         caller_joined_at = CASE WHEN $5 = 'joined' AND d.party = 'caller'
     THEN GREATEST(COALESCE(r.caller_joined_at, $4::timestamptz), $4::timestamptz)
     ELSE r.caller_joined_at END,
         callee_joined_at = CASE WHEN $5 = 'joined' AND d.party = 'callee'
     THEN GREATEST(COALESCE(r.callee_joined_at, $4::timestamptz), $4::timestamptz)
     ELSE r.callee_joined_at END,
         end_reason = COALESCE(d.reason, r.end_reason),
         ended_at = CASE WHEN d.to_status IN ('ended', 'declined', 'missed', 'canceled', 'failed') THEN now() ELSE r.ended_at END,
         duration_seconds = CASE WHEN d.to_status NOT IN ('ended', 'declined', 'missed', 'canceled', 'failed') THEN r.duration_seconds
       WHEN r.connected_at IS NULL THEN 0
       ELSE GREATEST(0, round(extract(epoch FROM now() - r.connected_at)))::int END
       FROM decided d
       WHERE r.id = d.owner AND d.to_status IS NOT NULL
         AND EXISTS (SELECT 1 FROM recorded)
       RETURNING r.*, d.from_status
     )
     SELECT true AS after, true AS recorded, from_status, id, caller_id, callee_id, media, status, end_reason, created_at, ringing_at,
  accepted_at, connected_at, ended_at, duration_seconds, caller_joined_at, callee_joined_at,
  missed_notified_at FROM updated
     UNION ALL
     SELECT false, EXISTS (SELECT 1 FROM recorded), status, id, caller_id, callee_id, media, status, end_reason, created_at, ringing_at,
  accepted_at, connected_at, ended_at, duration_seconds, caller_joined_at, callee_joined_at,
  missed_notified_at FROM cur
     WHERE NOT EXISTS (SELECT 1 FROM updated)
