/**
 * Who may join which room. Conference rooms are open to anyone signed in; call and agent-call
 * rooms are refused until their flows decide who the parties are.
 */
import type { User } from '../db/users';
import { badRequest, forbidden } from '../errors';
import { mintJoinToken, type JoinToken } from '../livekit/tokens';
import { parseRoomName } from './room-name';

export async function issueJoinToken(user: User, room: string): Promise<JoinToken> {
  const parsed = parseRoomName(room);
  if (!parsed.ok) throw badRequest('invalid_room', parsed.reason);
  switch (parsed.ref.kind) {
    case 'conference':
      return mintJoinToken({ room, identity: user.id, name: user.displayName });
    case 'call':
    case 'agent-call':
      throw forbidden('room_not_joinable', 'You are not a party to this call.');
  }
}
