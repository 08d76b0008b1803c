import { describe, expect, test } from 'vitest';
import { namedRoom, withoutRoomPrefix } from '../../src/lib/room-name';

describe('the named-room field', () => {
  test.each([
    ['', { status: 'empty' }],
    ['conf-', { status: 'empty' }],
    ['   ', { status: 'blank' }],
    ['team-standup', { status: 'ok', room: 'conf-team-standup' }],
    [' jp ', { status: 'ok', room: 'conf-jp' }],
    ['conf-jp', { status: 'ok', room: 'conf-jp' }],
    ['CONF-jp', { status: 'ok', room: 'conf-jp' }],
    ['東京', { status: 'ok', room: 'conf-東京' }],
    ['a b', { status: 'invalid' }],
    ['a/b', { status: 'invalid' }],
    ['a'.repeat(49), { status: 'invalid' }],
  ])('%j is %o', (typed, expected) => {
    expect(namedRoom(typed)).toEqual(expected);
  });

  test.each([
    ['conf-jp', 'jp'],
    ['  conf-team', 'team'],
    ['jp', 'jp'],
    ['my-conf-room', 'my-conf-room'],
  ])('typing %j keeps %j after the conf- shown in front', (typed, kept) => {
    expect(withoutRoomPrefix(typed)).toBe(kept);
  });
});
