/** Phone targets are E.164, normalised from what people type; anything else is refused. */
import { expect, test } from 'vitest';
import { normalisePhoneNumber } from '../../api/_lib/agent-calls/phone-number';

test.each([
  ['+819012345678', '+819012345678'],
  ['+81 90-1234-5678', '+819012345678'],
  ['  +81 (90) 1234.5678 ', '+819012345678'],
  ['0081 90 1234 5678', '+819012345678'],
  ['+1234567', '+1234567'],
  ['+123456789012345', '+123456789012345'],
])('%j is dialled as %j', (input, e164) => {
  expect(normalisePhoneNumber(input)).toBe(e164);
});

test.each([
  ['090-1234-5678'],
  ['+0123456789'],
  ['+123456'],
  ['+1234567890123456'],
  ['tel:+819012345678'],
  ['+819012345678 ext'],
  ['00'],
])('%j is refused: invalid_phone_number', (input) => {
  expect(() => normalisePhoneNumber(input)).toThrow(
    expect.objectContaining({ code: 'invalid_phone_number', status: 400 }),
  );
});
