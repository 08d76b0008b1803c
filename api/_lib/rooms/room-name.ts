/**
 * LiveKit room names carry what a room is for, so the token endpoint can decide who may join:
 *   conf-<name>   a conference room anyone signed in may join (presets conf-jp, conf-kr, …)
 *   call-<id>     a 1:1 call between two users
 *   agent-<sid>   an agent call to one user
 */
export type RoomRef =
  | { kind: 'conference'; room: string; name: string }
  | { kind: 'call'; room: string; callId: string }
  | { kind: 'agent-call'; room: string; sid: string };

/**
 * Letters (with their combining marks) and digits of any script, '-' and '_': people name rooms
 * in Thai and Japanese too.
 */
const CONFERENCE_NAME = /^[\p{L}\p{M}\p{N}_-]{1,48}$/u;
const CALL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AGENT_SID = /^[A-Za-z0-9_-]{8,64}$/;

export type RoomNameResult = { ok: true; ref: RoomRef } | { ok: false; reason: string };

export function parseRoomName(room: string): RoomNameResult {
  const [prefix, ...rest] = room.split('-');
  const id = rest.join('-');
  switch (prefix) {
    case 'conf':
      return CONFERENCE_NAME.test(id)
        ? { ok: true, ref: { kind: 'conference', room, name: id } }
        : { ok: false, reason: 'A room name is 1–48 letters, digits, "-" or "_".' };
    case 'call':
      return CALL_ID.test(id)
        ? { ok: true, ref: { kind: 'call', room, callId: id } }
        : { ok: false, reason: 'Not a call room.' };
    case 'agent':
      return AGENT_SID.test(id)
        ? { ok: true, ref: { kind: 'agent-call', room, sid: id } }
        : { ok: false, reason: 'Not an agent-call room.' };
    default:
      return { ok: false, reason: 'Room names start with conf-, call- or agent-.' };
  }
}

export const conferenceRoom = (name: string) => `conf-${name}`;
export const callRoom = (callId: string) => `call-${callId}`;
export const agentCallRoom = (sid: string) => `agent-${sid}`;
