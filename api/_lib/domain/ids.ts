/**
 * The shapes of the ids the API accepts, stated once: a request, a postback, a job payload or a
 * room name is checked against these before anything looks it up.
 */

/** A LINE user id (what LINE Login's ID token and the Messaging API name a user by). */
export const LINE_USER_ID = /^U[0-9a-f]{32}$/;

/** A contact id: the random id that names a user to other users (never their LINE id); the CHECK
 * of users.contact_id (migration 007) holds the same. */
export const CONTACT_ID = /^[A-Za-z0-9_-]{22}$/;

/** A UUID as Postgres makes it (gen_random_uuid): a call's, a campaign's, an import's id. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A 1:1 call's id. */
export const CALL_ID = UUID;

/** An agent call's session id (`ac_…`, or a backend's own within these characters). */
export const AGENT_CALL_SID = /^[A-Za-z0-9_-]{8,64}$/;
