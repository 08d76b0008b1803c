-- Call quality (docs/decisions.md#call-quality): what each party's page measured, a snapshot
-- about every 10 s and one at the end. Bounded: `seq` numbers a party's snapshots of a call from
-- 0 and the CHECK stops it at 120 (20 minutes of 10 s samples), so no client can store more,
-- however many requests it sends at once.
CREATE TABLE call_quality_stats (
  id                 bigserial PRIMARY KEY,
  call_id            uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  participant_id     text NOT NULL REFERENCES users (line_user_id),
  seq                integer NOT NULL CHECK (seq >= 0 AND seq < 120),
  final              boolean NOT NULL DEFAULT false,
  captured_at        timestamptz NOT NULL DEFAULT now(),
  -- LiveKit's own grade of the participant's connection: excellent, good, poor, lost.
  connection_quality text,
  round_trip_time_ms integer CHECK (round_trip_time_ms >= 0),
  jitter_ms          integer CHECK (jitter_ms >= 0),
  -- Lost / expected packets received, 0..1.
  packet_loss        real CHECK (packet_loss >= 0 AND packet_loss <= 1),
  bitrate_kbps       integer CHECK (bitrate_kbps >= 0),
  frame_width        integer CHECK (frame_width >= 0),
  frame_height       integer CHECK (frame_height >= 0),
  UNIQUE (call_id, participant_id, seq)
);
