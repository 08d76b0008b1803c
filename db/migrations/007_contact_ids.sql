-- In the app, a person is their contact id, never their LINE user id: call views, History, call
-- starts and call-back links name people by it, and it reaches exactly the people they call, are
-- called by or invite. Not the room identity (006), which everyone in a conference room sees:
-- knowing a contact id is enough to ring someone. Random (gen_random_uuid draws 122 bits from a
-- strong source), so it is neither guessable nor derived from the LINE id; 22 URL-safe characters
-- (the uuid's 16 bytes in base64url, unpadded), so it fits in `?callBack=` as it is; stable, so a
-- link or a History entry keeps reaching the same person.
-- A volatile default is evaluated per row when the column is added: existing users get their own.
ALTER TABLE users ADD COLUMN contact_id text NOT NULL UNIQUE
  DEFAULT rtrim(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '=')
  CHECK (contact_id ~ '^[A-Za-z0-9_-]{22}$');
