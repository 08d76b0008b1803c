/**
 * Phone targets (docs/decisions.md#phone-numbers): E.164 only, normalised from what people type
 * ("+81 90-1234-5678"). A national number without its country code is refused, not guessed.
 */
import { AppError } from '../errors.js';

class InvalidPhoneNumberError extends AppError {
  constructor(input: string) {
    super(
      'invalid_phone_number',
      400,
      `"${input.slice(0, 40)}" is not a phone number in E.164 form (+<country code><number>).`,
    );
    this.name = 'InvalidPhoneNumberError';
  }
}

export function normalisePhoneNumber(input: string): string {
  const compact = input.trim().replace(/[\s().-]/g, '');
  const withPlus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!/^\+[1-9]\d{6,14}$/.test(withPlus)) throw new InvalidPhoneNumberError(input);
  return withPlus;
}
