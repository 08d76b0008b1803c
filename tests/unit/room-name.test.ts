import { describe, expect, test } from 'vitest';
import { parseRoomName } from '../../api/_lib/rooms/room-name';

describe('parseRoomName', () => {
  test.each([
    ['conf-jp', { kind: 'conference', name: 'jp' }],
    ['conf-team-sync', { kind: 'conference', name: 'team-sync' }],
    ['conf-東京', { kind: 'conference', name: '東京' }],
    ['conf-ห้องประชุม', { kind: 'conference', name: 'ห้องประชุม' }],
    [
      'call-0f8fad5b-d9cb-469f-a165-70867728950e',
      { kind: 'call', callId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    ],
    ['agent-ac_1234abcd', { kind: 'agent-call', sid: 'ac_1234abcd' }],
  ])('%s is %o', (room, ref) => {
    expect(parseRoomName(room)).toEqual({ ok: true, ref: { room, ...ref } });
  });

  test.each([
    ['', 'no prefix'],
    ['jp', 'no prefix'],
    ['conf-', 'empty name'],
    ['conf-a b', 'space'],
    ['conf-a/b', 'slash'],
    [`conf-${'a'.repeat(49)}`, 'too long'],
    ['call-123', 'not a uuid'],
    ['agent-short', 'sid too short'],
    ['CONF-jp', 'prefix is case-sensitive'],
    ['conf-\u0301\u0301\u0301', 'only combining marks'],
    ['conf-\u0301abc', 'starts with a combining mark'],
    ['conf-p\u0430ypal', 'Latin with a Cyrillic а'],
    ['conf-αlpha', 'Greek with Latin'],
  ])('%j is refused (%s)', (room) => {
    expect(parseRoomName(room).ok).toBe(false);
  });

  test('names are compared in NFC: a decomposed "café" is the composed room', () => {
    const decomposed = 'conf-cafe\u0301';
    expect(parseRoomName(decomposed)).toEqual({
      ok: true,
      ref: { kind: 'conference', room: 'conf-caf\u00e9', name: 'caf\u00e9' },
    });
  });

  test.each([['conf-東京-meetup'], ['conf-ミーティング会議'], ['conf-Москва'], ['conf-ประชุม2']])(
    '%s (one confusable script at most, or none) is allowed',
    (room) => {
      expect(parseRoomName(room).ok).toBe(true);
    },
  );
});
