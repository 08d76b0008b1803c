/**
 * Who is calling: the LIFF ID token in `Authorization: Bearer …`, verified, never a user id from
 * the body. The user row is created on first sight and refreshed on every visit.
 */
import { getConfig } from '../config.js';
import { upsertUser, type User } from '../db/users.js';
import { unauthorized } from '../errors.js';
import { pickLanguage } from '../i18n/language.js';
import { verifyLiffIdToken } from './verify-liff-id-token.js';

export async function authenticateUser(request: Request): Promise<User> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw unauthorized(
      'unauthenticated',
      'Sign in with LINE: send Authorization: Bearer <ID token>.',
    );
  }
  const { line } = getConfig();
  const identity = await verifyLiffIdToken(match[1]!, {
    channelId: line.loginChannelId,
    jwksUrl: line.jwksUrl,
  });
  return upsertUser({
    id: identity.userId,
    displayName: identity.name,
    pictureUrl: identity.pictureUrl,
    language: pickLanguage(request.headers.get('accept-language')),
  });
}
