/**
 * The do-not-call list: numbers as people write them (read in `defaultCountry`, or with their
 * own +country code) or LINE user ids. A value that is neither is a 400 naming it; nothing is
 * added then.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { DoNotCallAdded, DoNotCallAddition } from '../console-contract.js';
import {
  addToDoNotCall,
  listDoNotCall,
  removeFromDoNotCall,
  type DoNotCallEntry,
} from '../db/do-not-call.js';
import { LINE_USER_ID } from '../domain/ids.js';
import { badRequest, notFound } from '../errors.js';

export async function addDoNotCall(
  input: DoNotCallAddition,
  operatorId: string,
): Promise<DoNotCallAdded> {
  const normalised = input.callees.map((text) => ({ text, callee: callee(text, input) }));
  const invalid = normalised.filter(({ callee }) => !callee).map(({ text }) => text);
  if (invalid.length > 0) {
    throw badRequest(
      'invalid_callee',
      `Not a phone number or a LINE user id: ${invalid.slice(0, 10).join(', ')}` +
        (input.defaultCountry ? '' : ' (send defaultCountry to read national numbers)'),
      { invalid },
    );
  }
  const callees = normalised.map(({ callee }) => callee!);
  return { added: await addToDoNotCall(callees, input.reason ?? null, operatorId), callees };
}

export async function readDoNotCall(after: string, limit: number): Promise<DoNotCallEntry[]> {
  return listDoNotCall(after, limit);
}

export async function removeDoNotCall(text: string): Promise<void> {
  // The path reaches the function as a query parameter (vercel.json), where an unescaped "+"
  // reads as a space: " 81…" is "+81…".
  const value = callee(text.replace(/^ (?=\d)/, '+'), {}) ?? text;
  if (!(await removeFromDoNotCall(value))) {
    throw notFound('not_listed', 'That number or LINE user is not on the do-not-call list.');
  }
}

function callee(text: string, { defaultCountry }: { defaultCountry?: string }): string | undefined {
  const trimmed = text.trim();
  if (LINE_USER_ID.test(trimmed)) return trimmed;
  const parsed = parsePhoneNumberFromString(trimmed.normalize('NFKC'), {
    defaultCountry: defaultCountry as CountryCode | undefined,
  });
  return parsed?.isValid() ? parsed.number : undefined;
}
