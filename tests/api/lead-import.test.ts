/**
 * Importing leads from a CSV: numbers as people write them in JP, KR, TW and TH become E.164 in
 * each lead's time zone, LINE user ids are kept, the script's columns become the lead's fields,
 * a BOM and quoted newlines are read as CSV means them, duplicates merge into the first row,
 * numbers on the do-not-call list are added skipped, and each rejected row is reported with its
 * reason (inline and as a downloadable CSV).
 */
import { describe, expect, test } from 'vitest';
import { createCampaign, leadsOf, uploadLeads } from '../support/campaigns';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'] });
const LINE_ID = `U${'0123456789abcdef'.repeat(2)}`;

async function imported(campaignId: string, csv: string | Uint8Array<ArrayBuffer>) {
  const response = await uploadLeads(env, env.users.alice, campaignId, csv);
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

describe('phone numbers and LINE users', () => {
  test.each([
    [
      'JP',
      'Asia/Tokyo',
      ['090-1234-5678', '03-1234-5678', '０９０－１２３４－５６７９', '(06) 6123-4567'],
      ['+819012345678', '+81312345678', '+819012345679', '+81661234567'],
    ],
    [
      'KR',
      'Asia/Seoul',
      ['010-1234-5678', '02-312-3456', '010 9876 5432'],
      ['+821012345678', '+8223123456', '+821098765432'],
    ],
    [
      'TW',
      'Asia/Taipei',
      ['0912-345-678', '02 2345 6789', '(02)2345-6780'],
      ['+886912345678', '+886223456789', '+886223456780'],
    ],
    [
      'TH',
      'Asia/Bangkok',
      ['081-234-5678', '02-123-4567', '0812345679'],
      ['+66812345678', '+6621234567', '+66812345679'],
    ],
  ])('%s national numbers become E.164, called in %s', async (country, zone, written, e164) => {
    const { id } = await createCampaign(env, env.users.alice, { defaultCountry: country });
    const csv = ['phone', ...written.map((number) => `"${number}"`)].join('\n');
    const report = await imported(id, csv);
    expect(report.import).toMatchObject({ rowsRead: written.length, added: written.length });
    const leads = await leadsOf(env, id);
    expect(leads.map((lead) => lead.phone)).toEqual(e164);
    expect(new Set(leads.map((lead) => lead.time_zone))).toEqual(new Set([zone]));
  });

  test('a number with its own country code keeps it, and its country’s time zone', async () => {
    const { id } = await createCampaign(env, env.users.alice, { defaultCountry: 'JP' });
    await imported(id, 'phone\n+66 81 234 5678\n+1 212 555 0123\n');
    const leads = await leadsOf(env, id);
    expect(leads.map((lead) => [lead.phone, lead.time_zone])).toEqual([
      ['+66812345678', 'Asia/Bangkok'],
      ['+12125550123', 'Asia/Tokyo'],
    ]);
  });

  test('LINE user ids and phones mix; script columns become fields, blanks left out', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const csv = [
      'Phone,LINE User ID,Customer Name,amount_due,currency,due_date',
      `,${LINE_ID},佐藤,12000,JPY,2026-12-24`,
      '090-1111-2222,,Suzuki,,,',
    ].join('\r\n');
    await imported(id, csv);
    expect(await leadsOf(env, id)).toMatchObject([
      {
        phone: null,
        line_user_id: LINE_ID,
        status: 'pending',
        fields: {
          customer_name: '佐藤',
          amount_due: '12000',
          currency: 'JPY',
          due_date: '2026-12-24',
        },
      },
      { phone: '+819011112222', line_user_id: null, fields: { customer_name: 'Suzuki' } },
    ]);
  });
});

describe('what CSV allows', () => {
  test('a UTF-8 byte-order mark (Excel’s "CSV UTF-8") is not part of the first column', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const bytes = new TextEncoder().encode('\uFEFFphone,customer_name\n090-1234-5678,Sato\n');
    expect((await imported(id, bytes)).import.added).toBe(1);
  });

  test('quoted fields may hold commas, quotes and newlines; blank lines are skipped', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const csv =
      'phone,company_name,customer_name\n' +
      '090-1234-5678,"Sato, Inc.","Line one\nline two"\n\n' +
      '090-1234-5679,"The ""Best"" Co.",Ito\n';
    const report = await imported(id, csv);
    expect(report.import).toMatchObject({ rowsRead: 2, added: 2, rejected: 0 });
    expect((await leadsOf(env, id)).map((lead) => lead.fields)).toEqual([
      { company_name: 'Sato, Inc.', customer_name: 'Line one\nline two' },
      { company_name: 'The "Best" Co.', customer_name: 'Ito' },
    ]);
  });
});

describe('rejected rows', () => {
  test('each is reported with its row and reason; the good rows are imported', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const csv = [
      'phone,line_user_id,customer_name',
      '090-1234-5678,,Good',
      '12345,,Short',
      ',,Nobody',
      `090-1234-5670,${LINE_ID},Both`,
      ',U123,Bad id',
      '090-1234-5671,,Too,many',
      `090-1234-5672,,${'x'.repeat(501)}`,
      '090-1234-5673,,"=HYPERLINK(""http://x"")"',
      '090-1234-5674,,Nul\u0000',
    ].join('\n');
    const report = await imported(id, csv);
    expect(report.import).toMatchObject({ rowsRead: 9, added: 2, rejected: 7 });
    expect(report.rejections).toEqual([
      { row: 3, reason: 'Row "12345" is not a valid phone number (JP).' },
      { row: 4, reason: 'Row has no phone number and no LINE user id.' },
      { row: 5, reason: 'Row has both a phone number and a LINE user id.' },
      { row: 6, reason: 'Row "U123" is not a LINE user id (U and 32 hex digits).' },
      { row: 7, reason: 'Row has 4 fields; the header has 3.' },
      { row: 8, reason: 'Row has a field longer than 500 characters.' },
      { row: 10, reason: 'Row contains a NUL character.' },
    ]);

    const csvReport = await fetch(
      `${env.url}/api/console/campaigns/${id}/imports/${report.import.id}/rejections.csv`,
      { headers: { authorization: `Bearer ${await env.idTokenFor(env.users.alice)}` } },
    );
    expect(csvReport.status).toBe(200);
    expect(csvReport.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvReport.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await csvReport.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // so Excel reads UTF-8
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('row,reason,original');
    expect(lines[1]).toBe('3,"Row ""12345"" is not a valid phone number (JP).","12345,,Short"');
    expect(lines[5]).toBe('7,Row has 4 fields; the header has 3.,"090-1234-5671,,Too,many"');
    expect(lines[7]).toBe('10,Row contains a NUL character.,"090-1234-5674,,Nul\uFFFD"');
    expect(lines).toHaveLength(9); // seven rows, the header and the final line break
  });

  test('a report is only found under its own campaign', async () => {
    const first = await createCampaign(env, env.users.alice);
    const other = await createCampaign(env, env.users.alice);
    const report = await imported(first.id, 'phone\n1\n');
    const response = await env.api(
      `/api/console/campaigns/${other.id}/imports/${report.import.id}/rejections.csv`,
      { as: env.users.alice },
    );
    expect(response.status).toBe(404);
  });
});

describe('duplicates and do-not-call', () => {
  test('the same number however written, or the same LINE user, merges into the first row', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const csv = [
      'phone,line_user_id,customer_name,company_name',
      '090-1234-5678,,Sato,',
      '+81 90 1234 5678,,Someone else,ACME',
      `,${LINE_ID},,`,
      `,${LINE_ID},Ito,`,
    ].join('\n');
    const report = await imported(id, csv);
    expect(report.import).toMatchObject({ rowsRead: 4, added: 2, merged: 2, rejected: 0 });
    expect((await leadsOf(env, id)).map((lead) => [lead.source_row, lead.fields])).toEqual([
      [2, { customer_name: 'Sato', company_name: 'ACME' }],
      [4, { customer_name: 'Ito' }],
    ]);
    // A second import of the same people adds nobody and changes nobody.
    const again = await imported(id, 'phone,customer_name\n09012345678,Changed\n');
    expect(again.import).toMatchObject({ added: 0, merged: 1 });
    expect((await leadsOf(env, id))[0]!.fields.customer_name).toBe('Sato');
  });

  test('the same file uploaded twice at once adds each lead once', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const csv = ['phone', ...Array.from({ length: 300 }, (_, i) => `0902${1_000_000 + i}`)].join(
      '\n',
    );
    const reports = await Promise.all([1, 2].map(() => imported(id, csv)));
    expect(reports.map((report) => report.import.added).sort()).toEqual([0, 300]);
    expect(reports.map((report) => report.import.merged).sort()).toEqual([0, 300]);
    expect(await leadsOf(env, id)).toHaveLength(300);
  });

  test('numbers and LINE users on the do-not-call list are added skipped, with the reason', async () => {
    const added = await env.api('/api/console/do-not-call', {
      as: env.users.alice,
      body: { callees: ['03-9999-0000', LINE_ID], defaultCountry: 'JP', reason: 'asked' },
    });
    expect(await added.json()).toEqual({ added: 2, callees: ['+81399990000', LINE_ID] });
    const { id } = await createCampaign(env, env.users.alice);
    const report = await imported(
      id,
      `phone,line_user_id\n03-9999-0000,\n,${LINE_ID}\n03-9999-0001,\n`,
    );
    expect(report.import).toMatchObject({ added: 1, skipped: 2 });
    expect((await leadsOf(env, id)).map((lead) => [lead.status, lead.skip_reason])).toEqual([
      ['skipped', 'do_not_call'],
      ['skipped', 'do_not_call'],
      ['pending', null],
    ]);
    const listed = await env.api(`/api/console/campaigns/${id}/leads?status=skipped`, {
      as: env.users.alice,
    });
    expect((await listed.json()).leads).toHaveLength(2);
  });
});
