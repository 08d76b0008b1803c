import type { Language } from '../i18n/language.js';
import { query } from './pool.js';

export interface User {
  id: string;
  displayName: string;
  pictureUrl: string | null;
  language: Language;
  /** False once they blocked the LINE account (unfollow): pushes would not reach them. */
  canReceivePush: boolean;
  /** They opened the app themselves (not only a row a backend dispatch created). */
  signedIn: boolean;
  /**
   * Who they are in LiveKit rooms, where every participant sees every other's identity: opaque
   * and random (db/migrations/006_room_identities.sql), so no one learns a LINE id from a room.
   */
  roomIdentity: string;
  /**
   * How the app addresses them to other people (call views, History, call starts, call-back
   * links): opaque and random (db/migrations/007_contact_ids.sql), so no one learns a LINE id from
   * a call, and knowing a LINE id rings no one.
   */
  contactId: string;
}

interface UserRow {
  line_user_id: string;
  display_name: string;
  picture_url: string | null;
  language: Language;
  can_receive_push: boolean;
  signed_in: boolean;
  room_identity: string;
  contact_id: string;
}

const COLUMNS = `line_user_id, display_name, picture_url, language, can_receive_push,
  signed_in_at IS NOT NULL AS signed_in, room_identity, contact_id`;

/**
 * Creates the user on first sight and refreshes what LINE told us since; one statement. A first
 * sign-in takes the push state LINE's latest follow/unfollow left (see applyFollowEvent).
 */
export async function upsertUser(
  user: Omit<User, 'canReceivePush' | 'signedIn' | 'roomIdentity' | 'contactId'>,
): Promise<User> {
  const [row] = await query<UserRow>(
    `INSERT INTO users (line_user_id, display_name, picture_url, language, last_seen_at,
       signed_in_at, can_receive_push)
     VALUES ($1, $2, $3, $4, now(), now(), COALESCE(
       (SELECT can_receive_push FROM line_follow_states WHERE line_user_id = $1), true))
     ON CONFLICT (line_user_id) DO UPDATE
       SET display_name = EXCLUDED.display_name,
           picture_url = EXCLUDED.picture_url,
           language = EXCLUDED.language,
           last_seen_at = now(),
           signed_in_at = COALESCE(users.signed_in_at, now())
     RETURNING ${COLUMNS}`,
    [user.id, user.displayName, user.pictureUrl, user.language],
  );
  return toUser(row!);
}

function toUser(row: UserRow): User {
  return {
    id: row.line_user_id,
    displayName: row.display_name,
    pictureUrl: row.picture_url,
    language: row.language,
    canReceivePush: row.can_receive_push,
    signedIn: row.signed_in,
    roomIdentity: row.room_identity,
    contactId: row.contact_id,
  };
}

export async function findUser(id: string): Promise<User | undefined> {
  const [row] = await query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE line_user_id = $1`, [id]);
  return row && toUser(row);
}

/** The user a contact id names (the only way a LIFF user names someone else). */
export async function findUserByContactId(contactId: string): Promise<User | undefined> {
  const [row] = await query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE contact_id = $1`, [
    contactId,
  ]);
  return row && toUser(row);
}

/**
 * LINE follow/unfollow: pushes reach only users who follow the bot. The newest event (by LINE's
 * timestamp, then its id) wins, in one statement: a redelivery or an older event changes
 * nothing, and the state is kept for someone not yet in `users`, who gets it on first sight.
 */
export async function applyFollowEvent(event: {
  userId: string;
  canReceivePush: boolean;
  at: Date;
  webhookEventId: string;
}): Promise<boolean> {
  const rows = await query<{ applied: boolean }>(
    `WITH newer AS (
       INSERT INTO line_follow_states (line_user_id, can_receive_push, event_at, webhook_event_id)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (line_user_id) DO UPDATE
         SET can_receive_push = EXCLUDED.can_receive_push, event_at = EXCLUDED.event_at,
             webhook_event_id = EXCLUDED.webhook_event_id
         WHERE (line_follow_states.event_at, line_follow_states.webhook_event_id)
             < (EXCLUDED.event_at, EXCLUDED.webhook_event_id)
       RETURNING can_receive_push
     ),
     pushed AS (
       UPDATE users SET can_receive_push = newer.can_receive_push FROM newer
       WHERE line_user_id = $1 RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM newer) AS applied`,
    [event.userId, event.canReceivePush, event.at, event.webhookEventId],
  );
  return rows[0]!.applied;
}

/**
 * A LINE user a backend system asked us to call, who may never have opened the app: kept with a
 * placeholder name until they sign in.
 */
export async function ensureUser(id: string): Promise<User> {
  await query(
    `INSERT INTO users (line_user_id, display_name, can_receive_push)
     VALUES ($1, 'LINE user', COALESCE(
       (SELECT can_receive_push FROM line_follow_states WHERE line_user_id = $1), true))
     ON CONFLICT (line_user_id) DO NOTHING`,
    [id],
  );
  return (await findUser(id))!;
}
