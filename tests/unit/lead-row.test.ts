import { describe, expect, test } from 'vitest';
import { csvLine } from '../../api/_lib/campaigns/csv-text';
import { readHeader } from '../../api/_lib/campaigns/lead-columns';
import { readLeadRow } from '../../api/_lib/campaigns/lead-row';

const campaign = (defaultCountry: string, timeZone = 'Asia/Tokyo') => ({
  defaultCountry,
  timeZone,
});
const phoneOnly = readHeader(['phone'], 'greeting');

describe('phone numbers as people write them', () => {
  test.each([
    ['JP', '090-1234-5678', '+819012345678', 'Asia/Tokyo'],
    ['JP', '０９０ー１２３４ー５６７８', '+819012345678', 'Asia/Tokyo'],
    ['JP', '+81 (0)90 1234 5678', '+819012345678', 'Asia/Tokyo'],
    ['JP', '0120-123-456', '+81120123456', 'Asia/Tokyo'],
    ['KR', '010-1234-5678', '+821012345678', 'Asia/Seoul'],
    ['KR', '031-123-4567', '+82311234567', 'Asia/Seoul'],
    ['TW', '0912 345 678', '+886912345678', 'Asia/Taipei'],
    ['TW', '(04)2345-6789', '+886423456789', 'Asia/Taipei'],
    ['TH', '081 234 5678', '+66812345678', 'Asia/Bangkok'],
    ['TH', '02-123-4567', '+6621234567', 'Asia/Bangkok'],
    ['JP', '+82 10-1234-5678', '+821012345678', 'Asia/Seoul'],
  ])('%s: %s → %s (%s)', (country, written, e164, zone) => {
    const result = readLeadRow([written], 2, phoneOnly, campaign(country, 'UTC'));
    expect(result).toEqual({
      ok: true,
      lead: { phone: e164, lineUserId: null, fields: {}, timeZone: zone, row: 2 },
    });
  });

  test.each([
    ['JP', '090-1234-567'],
    ['JP', '12345'],
    ['KR', '010-1234'],
    ['TH', 'call me'],
    ['TW', '+999 1234 5678'],
  ])('%s: %s is refused', (country, written) => {
    expect(readLeadRow([written], 2, phoneOnly, campaign(country))).toMatchObject({ ok: false });
  });
});

describe('the header', () => {
  test('names are matched whatever their case, spaces or dashes', () => {
    const columns = readHeader([' Phone ', 'Customer Name', 'due-date'], 'reminder');
    expect(columns).toEqual({
      phone: 0,
      lineUserId: undefined,
      fields: [
        { name: 'customer_name', index: 1 },
        { name: 'due_date', index: 2 },
      ],
      count: 3,
    });
  });

  test.each([
    [['phone', 'amount_due'], 'survey', 'unknown_columns'],
    [['customer_name'], 'greeting', 'missing_columns'],
    [['line_user_id', 'LINE user id'], 'greeting', 'repeated_columns'],
  ] as const)('%o for the %s script → %s', (header, script, code) => {
    expect(() => readHeader([...header], script)).toThrow(
      expect.objectContaining({ code, status: 400 }),
    );
  });
});

describe('report lines', () => {
  test.each([
    [['a', 'b'], 'a,b'],
    [['Sato, Inc.', 'say "hi"'], '"Sato, Inc.","say ""hi"""'],
    [['two\nlines'], '"two\nlines"'],
    [['=1+1', '+81 90', '@cmd', '-2'], "'=1+1,'+81 90,'@cmd,'-2"],
  ])('%o → %s', (fields, line) => {
    expect(csvLine(fields)).toBe(line);
  });
});
