import type { Language } from '../i18n/language.js';
import { query } from './pool.js';

export interface User {
  id: string;
  displayName: string;
  pictureUrl: string | null;
  language: Language;
  /** False once they blocked the LINE account (unfollow): pushes would not reach them. */
  canReceivePush: boolean;
}

interface UserRow {
  line_user_id: string;
  display_name: string;
  picture_url: string | null;
  language: Language;
  can_receive_push: boolean;
}

const COLUMNS = 'line_user_id, display_name, picture_url, language, can_receive_push';

/** Creates the user on first sight and refreshes what LINE told us since; one statement. */
export async function upsertUser(user: Omit<User, 'canReceivePush'>): Promise<User> {
  const [row] = await query<UserRow>(
    `INSERT INTO users (line_user_id, display_name, picture_url, language, last_seen_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (line_user_id) DO UPDATE
       SET display_name = EXCLUDED.display_name,
           picture_url = EXCLUDED.picture_url,
           language = EXCLUDED.language,
           last_seen_at = now()
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
  };
}

export async function findUser(id: string): Promise<User | undefined> {
  const [row] = await query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE line_user_id = $1`, [id]);
  return row && toUser(row);
}

/** LINE follow/unfollow: pushes reach only users who follow the bot. */
export async function setCanReceivePush(id: string, canReceivePush: boolean): Promise<void> {
  await query('UPDATE users SET can_receive_push = $2 WHERE line_user_id = $1', [
    id,
    canReceivePush,
  ]);
}

/**
 * A LINE user a backend system asked us to call, who may never have opened the app: kept with a
 * placeholder name until they sign in.
 */
export async function ensureUser(id: string): Promise<User> {
  await query(
    `INSERT INTO users (line_user_id, display_name) VALUES ($1, 'LINE user')
     ON CONFLICT (line_user_id) DO NOTHING`,
    [id],
  );
  return (await findUser(id))!;
}
