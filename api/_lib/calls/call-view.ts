/**
 * What the API shows of a call to one of its parties. The other party is named by their contact
 * id; no LINE user id, theirs or the viewer's, is in it.
 */
import type { CallView } from '../contract.js';
import type { Call } from '../db/calls.js';
import type { User } from '../db/users.js';
import { RING_SECONDS } from '../domain/ring-time.js';
import { callRoom } from '../rooms/room-name.js';

export type { CallView };

export function viewCall(
  call: Call,
  viewerId: string,
  other: Pick<User, 'contactId' | 'displayName' | 'pictureUrl'>,
): CallView {
  return {
    id: call.id,
    room: callRoom(call.id),
    status: call.status,
    media: call.media,
    role: call.callerId === viewerId ? 'caller' : 'callee',
    other: {
      contactId: other.contactId,
      displayName: other.displayName,
      pictureUrl: other.pictureUrl,
    },
    createdAt: call.createdAt,
    ringDeadline: new Date(Date.parse(call.createdAt) + RING_SECONDS * 1000).toISOString(),
    connectedAt: call.connectedAt,
    endedAt: call.endedAt,
    durationSeconds: call.durationSeconds,
    endReason: call.endReason,
  };
}
