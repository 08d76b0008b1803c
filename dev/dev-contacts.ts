/**
 * GET /__dev/contacts: each dev user's contact id. The app names people only by contact id, so
 * the History page needs these to list the other dev users. A dev user who has never opened the
 * app is recorded as a backend dispatch records a LINE user (ensureUser): they get a contact id,
 * but, as in production, cannot be rung until they open the app themselves. Dev only: no deployed
 * function answers this, and only the dev server knows who the dev users are.
 */
import { ensureUser } from '../api/_lib/db/users';
import { DEV_USERS } from './dev-users';

export const DEV_CONTACTS_PATH = '/__dev/contacts';

interface DevContact {
  userId: string;
  contactId: string;
}

export async function devContacts(): Promise<Response> {
  const users = await Promise.all(DEV_USERS.map((user) => ensureUser(user.userId)));
  const contacts: DevContact[] = users.map((user) => ({
    userId: user.id,
    contactId: user.contactId,
  }));
  return Response.json({ contacts }, { headers: { 'cache-control': 'no-store' } });
}
