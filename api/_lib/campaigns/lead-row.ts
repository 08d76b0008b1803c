/**
 * One CSV row → a lead, or the reason it is rejected (docs/campaigns.md#importing-leads). Phone
 * numbers are read as people write them in the campaign's default country ("090-1234-5678" in
 * JP, "010-1234-5678" in KR, "0912-345-678" in TW, "081-234-5678" in TH; full-width digits too)
 * and kept in E.164; a number with its own +country code keeps it. No I/O.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { COUNTRY_TIME_ZONES } from '../domain/campaign-rules.js';
import { LINE_USER_ID } from '../domain/ids.js';
import type { LeadColumns } from './lead-columns.js';

export interface LeadInput {
  phone: string | null;
  lineUserId: string | null;
  fields: Record<string, string>;
  timeZone: string;
  /** The CSV row (the header is row 1). */
  row: number;
}

export type RowResult = { ok: true; lead: LeadInput } | { ok: false; reason: string };

/** A field longer than this is not a name, an amount or a date. */
export const MAX_FIELD_LENGTH = 500;

// NUL cannot be stored in Postgres text.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000/;

export function readLeadRow(
  fields: string[],
  row: number,
  columns: LeadColumns,
  campaign: { defaultCountry: string; timeZone: string },
): RowResult {
  if (fields.length !== columns.count) {
    return reject(`has ${fields.length} fields; the header has ${columns.count}`);
  }
  if (fields.some((field) => UNSTORABLE.test(field))) {
    return reject('contains a NUL character');
  }
  if (fields.some((field) => field.length > MAX_FIELD_LENGTH)) {
    return reject(`has a field longer than ${MAX_FIELD_LENGTH} characters`);
  }
  const phoneText = columns.phone === undefined ? '' : fields[columns.phone]!.trim();
  const lineText = columns.lineUserId === undefined ? '' : fields[columns.lineUserId]!.trim();
  if (phoneText && lineText) return reject('has both a phone number and a LINE user id');
  if (!phoneText && !lineText) return reject('has no phone number and no LINE user id');
  const leadFields = Object.fromEntries(
    columns.fields
      .map(({ name, index }) => [name, fields[index]!.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  if (lineText) {
    if (!LINE_USER_ID.test(lineText)) {
      return reject(`"${clip(lineText)}" is not a LINE user id (U and 32 hex digits)`);
    }
    return accept({ phone: null, lineUserId: lineText, timeZone: campaign.timeZone });
  }
  const parsed = parsePhoneNumberFromString(phoneText.normalize('NFKC'), {
    defaultCountry: campaign.defaultCountry as CountryCode,
  });
  if (!parsed?.isValid()) {
    return reject(`"${clip(phoneText)}" is not a valid phone number (${campaign.defaultCountry})`);
  }
  const timeZone = (parsed.country && COUNTRY_TIME_ZONES[parsed.country]) ?? campaign.timeZone;
  return accept({ phone: parsed.number, lineUserId: null, timeZone });

  function accept(callee: Pick<LeadInput, 'phone' | 'lineUserId' | 'timeZone'>): RowResult {
    return { ok: true, lead: { ...callee, fields: leadFields, row } };
  }
}

function reject(reason: string): RowResult {
  return { ok: false, reason: `Row ${reason}.` };
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
