-- Opaque room identities (docs/decisions.md#opaque-room-identities): in a LiveKit room a user is
-- their room identity, never their LINE user id.
-- Every participant of a room sees every other's identity, and a LINE id must not reach other
-- users. Random (gen_random_uuid draws 122 bits from a strong source), so it is neither guessable
-- nor derived from the LINE id, and stable, so the webhooks recognise a party who re-joins.
-- A volatile default is evaluated per row when the column is added: existing users get their own.
ALTER TABLE users ADD COLUMN room_identity text NOT NULL UNIQUE
  DEFAULT ('user-' || replace(gen_random_uuid()::text, '-', ''))
  CHECK (room_identity ~ '^user-[0-9a-f]{32}$');
