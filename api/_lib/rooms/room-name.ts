/**
 * LiveKit room names carry what a room is for, so the token endpoint can decide who may join:
 *   conf-<name>   a conference room anyone signed in may join (presets conf-jp, conf-kr, …)
 *   call-<id>     a 1:1 call between two users
 *   agent-<sid>   an agent call to one user
 */
import { AGENT_CALL_SID as AGENT_SID, CALL_ID } from '../domain/ids.js';

export type RoomRef =
  | { kind: 'conference'; room: string; name: string }
  | { kind: 'call'; room: string; callId: string }
  | { kind: 'agent-call'; room: string; sid: string };

/**
 * Letters (with their combining marks) and digits of any script, '-' and '_': people name rooms
 * in Thai and Japanese too. Names are compared in NFC, so "café" typed either way is one room; a
 * name must start with something other than a combining mark (marks alone render as nothing, or
 * stack onto the prefix).
 */
const CONFERENCE_NAME = /^[\p{L}\p{N}_-][\p{L}\p{M}\p{N}_-]{0,47}$/u;
/**
 * Mixed-script look-alikes: Latin, Greek and Cyrillic share glyphs ("раypal" with Cyrillic р and
 * а looks like "paypal"), so a name may use at most one of the three. Other mixes stay allowed:
 * Japanese names mix Han, Hiragana, Katakana and Latin, and none of those is confusable with
 * another in practice.
 */
const CONFUSABLE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u];

export type RoomNameResult = { ok: true; ref: RoomRef } | { ok: false; reason: string };

export function parseRoomName(given: string): RoomNameResult {
  const room = given.normalize('NFC');
  const [prefix, ...rest] = room.split('-');
  const id = rest.join('-');
  switch (prefix) {
    case 'conf':
      if (!CONFERENCE_NAME.test(id)) {
        return { ok: false, reason: 'A room name is 1–48 letters, digits, "-" or "_".' };
      }
      if (CONFUSABLE_SCRIPTS.filter((script) => script.test(id)).length > 1) {
        return { ok: false, reason: 'A room name may not mix Latin, Greek and Cyrillic letters.' };
      }
      return { ok: true, ref: { kind: 'conference', room, name: id } };
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

export const callRoom = (callId: string) => `call-${callId}`;
export const agentCallRoom = (sid: string) => `agent-${sid}`;
