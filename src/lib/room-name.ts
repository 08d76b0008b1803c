// Conference rooms are `conf-<name>`: 1–48 Unicode letters (with their marks) or digits, '-'
// or '_'. The server checks the same rule; checking here too gives an inline message before any
// request.
export const ROOM_PREFIX = 'conf-';

// Combining marks are allowed: Thai and other scripts need them (as on the server).
const ROOM_NAME = /^[\p{L}\p{M}\p{N}_-]{1,48}$/u;

export const PRESET_ROOMS = [
  { id: 'jp', room: 'conf-jp' },
  { id: 'kr', room: 'conf-kr' },
  { id: 'tw', room: 'conf-tw' },
  { id: 'th', room: 'conf-th' },
] as const;

/**
 * The name field shows `conf-` in front already: a whole room name typed or pasted ("conf-jp")
 * keeps only its name.
 */
export function withoutRoomPrefix(typed: string): string {
  return typed.replace(/^\s*conf-/i, '');
}

/** What the typed name is: nothing yet, only spaces, against the rule, or this room. */
export type NamedRoom =
  | { status: 'empty' }
  | { status: 'blank' }
  | { status: 'invalid' }
  | { status: 'ok'; room: string };

export function namedRoom(typed: string): NamedRoom {
  const stripped = withoutRoomPrefix(typed);
  if (stripped === '') return { status: 'empty' };
  const name = stripped.trim().normalize('NFC');
  if (name === '') return { status: 'blank' };
  return ROOM_NAME.test(name) ? { status: 'ok', room: ROOM_PREFIX + name } : { status: 'invalid' };
}

export function isConferenceRoom(room: string): boolean {
  return room.startsWith(ROOM_PREFIX) && ROOM_NAME.test(room.slice(ROOM_PREFIX.length));
}
