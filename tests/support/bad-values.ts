/**
 * The raw material of bad requests: strings that break parsers and databases (NUL, unpaired
 * surrogates, huge), wrong types, invalid JSON, wrong content types, ids that are not ids; and
 * ways to break a valid body in exactly one place. All drawn from a seeded PRNG.
 */
import type { Rng } from './seeded-random';

export const STRINGS = [
  '',
  ' ',
  'null',
  '0',
  'true',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202egnp.exe',
  '😀',
  'ｕｓｅｒ',
  '<script>alert(1)</script>',
  "'; DROP TABLE calls; --",
  '../../../etc/passwd',
  '%00',
  '${jndi:ldap://x}',
  '\r\n',
  `U${'f'.repeat(32)}`,
  `U${'F'.repeat(32)}`,
  `U${'f'.repeat(31)}`,
  '-'.repeat(22),
  'A'.repeat(23),
  'conf-',
  'call-',
  'agent-',
];
const NUMBERS = [0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2];
const KEYS = [
  'calleeContactId',
  'media',
  'room',
  'action',
  'to',
  'lineUserId',
  'phone',
  'context',
  '',
];
export const INVALID_JSON = [
  '',
  '{',
  '{"a":}',
  "{'room':'conf-jp'}",
  '[1,]',
  '{"a":1}{"b":2}',
  'nul',
  '\ufeff{}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"room": "conf-jp"',
  'room=conf-jp',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonp',
  'application/xml',
  '*/*',
];

function hugeString(rng: Rng): string {
  return 'x'.repeat(rng.pick([300, 5_000, 15_000, 20_000, 70_000]));
}

export function anyValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth < 2 ? 9 : 7)) {
    case 0:
    case 1:
    case 2:
      return rng.pick(STRINGS);
    case 3:
      return hugeString(rng);
    case 4:
      return rng.pick(NUMBERS);
    case 5:
      return rng.pick([null, true, false]);
    case 6:
      return rng.pick([[], {}, [null]]);
    case 7:
      return Array.from({ length: rng.int(4) }, () => anyValue(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(4) }, () => [rng.pick(KEYS), anyValue(rng, depth + 1)]),
      );
  }
}

/** `valid` with one required field removed or given a wrong value. */
export function breakOne(rng: Rng, valid: Record<string, unknown>, required: string[]) {
  const field = rng.pick(required);
  const broken = { ...valid };
  if (rng.chance(0.3)) delete broken[field];
  else broken[field] = anyValue(rng);
  return broken;
}

/** A body as sent: mostly JSON of `value`, else invalid JSON or a wrong content type. */
export function encode(
  rng: Rng,
  value: unknown,
): { headers: Record<string, string>; body: string } {
  const roll = rng.int(10);
  if (roll < 7) {
    const type = rng.pick([
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
    ]);
    return { headers: { 'content-type': type }, body: JSON.stringify(value) };
  }
  if (roll < 9)
    return { headers: { 'content-type': 'application/json' }, body: rng.pick(INVALID_JSON) };
  return { headers: { 'content-type': rng.pick(CONTENT_TYPES) }, body: JSON.stringify(value) };
}

export const uuid = (rng: Rng) =>
  `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
const BAD_IDS = ['x', '0', '-1', 'null', '%20', '%2F', '%00', '..%2F..', '😀', 'a'.repeat(300)];
export const badId = (rng: Rng) =>
  rng.chance(0.7) ? rng.pick(BAD_IDS) : pathSafe(rng.pick(STRINGS)) || 'empty';

/** Percent-encoded, as a client sends it; an unpaired surrogate cannot be, so it becomes "x". */
export function pathSafe(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return 'x';
  }
}
