/**
 * LINE users made up for load and fault tests, inserted with one statement: ids are `U` + 32 hex
 * (an md5 of the tag and index), so they pass every LINE-id check. They count as having used the
 * app (callable by LIFF users), and sign in like dev users:
 * `env.api(path, { as: user })` signs an ID token for them with the LINE stand-in.
 */
import type { DevUser } from '../../dev/dev-users';
import type { TestEnvironment } from './test-environment';

export async function syntheticUsers(
  env: TestEnvironment,
  tag: string,
  count: number,
): Promise<DevUser[]> {
  const { rows } = await env.db.query(
    `INSERT INTO users (line_user_id, display_name, language, signed_in_at)
     SELECT 'U' || md5($1 || ':' || i), $1 || ' ' || i, 'en', now()
     FROM generate_series(1, $2) AS i
     RETURNING line_user_id, display_name`,
    [tag, count],
  );
  return rows.map((row) => ({
    userId: row.line_user_id,
    displayName: row.display_name,
    language: 'en',
    color: '#888888',
  }));
}
