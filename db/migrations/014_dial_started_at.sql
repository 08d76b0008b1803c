-- 002_hardening.sql gained `dial_started_at` after it had first been released: a database that
-- applied the earlier 002 never got the column (db/migrate.ts records a migration by name and
-- does not run it again). Add it there; everywhere else it is already present and this is a no-op.
ALTER TABLE agent_call_sessions ADD COLUMN IF NOT EXISTS dial_started_at timestamptz;
