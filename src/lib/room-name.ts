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

/** The part after `conf-` as the user typed it, or null when it breaks the rule. */
export function conferenceRoom(name: string): string | null {
  const trimmed = name.trim().normalize('NFC');
  return ROOM_NAME.test(trimmed) ? ROOM_PREFIX + trimmed : null;
}

export function isConferenceRoom(room: string): boolean {
  return room.startsWith(ROOM_PREFIX) && ROOM_NAME.test(room.slice(ROOM_PREFIX.length));
}
