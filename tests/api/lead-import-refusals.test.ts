/**
 * Files an import refuses as a whole, with a clear 4xx and nothing written: wrong or missing
 * columns, bad encodings, broken CSV, the wrong content type, too large a body, a campaign that
 * is dialling. And the whole file or nothing: 50,000 rows go in together, and a failure in the
 * last batch leaves none of the earlier ones behind.
 */
import { describe, expect, test } from 'vitest';
import { campaignAction, createCampaign, leadsOf, uploadLeads } from '../support/campaigns';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice'] });

async function nothingWritten(campaignId: string) {
  expect(await leadsOf(env, campaignId)).toEqual([]);
  const { rows } = await env.db.query(
    'SELECT count(*)::int AS n FROM lead_imports WHERE campaign_id = $1',
    [campaignId],
  );
  expect(rows[0].n).toBe(0);
}

async function refused(
  csv: string | Uint8Array<ArrayBuffer>,
  status: number,
  code: string,
  settings: Record<string, unknown> = {},
  contentType?: string,
) {
  const { id } = await createCampaign(env, env.users.alice, settings);
  const response = await uploadLeads(env, env.users.alice, id, csv, contentType);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const { error } = await response.json();
  expect(error.code).toBe(code);
  await nothingWritten(id);
  return error.message as string;
}

describe('a file refused whole', () => {
  test('an unknown column → 400 naming it and the columns the script takes', async () => {
    const message = await refused(
      'phone,customer_name,shoe_size\n090-1234-5678,Sato,27\n',
      400,
      'unknown_columns',
    );
    expect(message).toBe(
      'Unknown column "shoe_size". The reminder script\'s CSV takes "phone", "line_user_id", ' +
        '"customer_name", "company_name", "invoice_number", "amount_due", "currency", "due_date".',
    );
  });

  test('a column another script takes is unknown to this one', async () => {
    const message = await refused('phone,amount_due\n090-1234-5678,100\n', 400, 'unknown_columns', {
      script: 'survey',
    });
    expect(message).toContain('"amount_due"');
  });

  test.each([
    ['no phone or LINE column', 'customer_name\nSato\n', 'missing_columns'],
    [
      'a header naming a column twice',
      'phone,Phone\n090-1234-5678,090-1234-5679\n',
      'repeated_columns',
    ],
    ['an empty body', '', 'empty_file'],
    ['only a header', 'phone,customer_name\r\n', 'no_leads'],
  ])('%s → 400', async (_, csv, code) => {
    await refused(csv, 400, code);
  });

  test.each([
    ['Shift_JIS (Excel’s CSV in Japanese)', [0x70, 0x68, 0x6f, 0x6e, 0x65, 0x0a, 0x82, 0xa0, 0x0a]],
    ['UTF-16 with its byte-order mark', [0xff, 0xfe, 0x70, 0x00, 0x68, 0x00]],
    ['a UTF-8 sequence cut off at the end', [0x70, 0x68, 0x6f, 0x6e, 0x65, 0x0a, 0xe3, 0x81]],
  ])('%s → 400 invalid_encoding, saying how to save it', async (_, bytes) => {
    const message = await refused(new Uint8Array(bytes), 400, 'invalid_encoding');
    expect(message).toContain('CSV UTF-8');
  });

  test('a quote never closed, even in the last row, → 400 with the line', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `0901234${String(i).padStart(4, '0')},Ok`);
    const message = await refused(
      ['phone,customer_name', ...rows, '090-1234-5678,"Sato'].join('\n'),
      400,
      'invalid_csv',
    );
    expect(message).toMatch(/^The file is not valid CSV \(line \d+\): /);
  });

  test('a body that is not CSV → 415', async () => {
    await refused('{"phone":"090"}', 415, 'unsupported_media_type', {}, 'application/json');
  });

  test('over 4 MB → 413, read no further than the limit', async () => {
    const row = '090-1234-5678,' + 'x'.repeat(400) + '\n';
    const csv = 'phone,customer_name\n' + row.repeat(Math.ceil((4 * 1024 * 1024) / row.length) + 1);
    const message = await refused(csv, 413, 'payload_too_large');
    expect(message).toContain('split it');
  });

  test('a running campaign takes no leads (409); paused, it does', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    await uploadLeads(env, env.users.alice, id, 'phone\n090-1234-5678\n');
    await campaignAction(env, env.users.alice, id, 'start');
    const response = await uploadLeads(env, env.users.alice, id, 'phone\n090-1234-5679\n');
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({
      code: 'invalid_state',
      status: 'running',
    });
    await campaignAction(env, env.users.alice, id, 'pause');
    expect((await uploadLeads(env, env.users.alice, id, 'phone\n090-1234-5679\n')).status).toBe(
      201,
    );
  });
});

describe('the whole file or nothing', () => {
  const rows = (count: number) =>
    Array.from(
      { length: count },
      (_, i) => `0901${String(10_000_000 + i).slice(1)},顧客${i},${1000 + i},JPY,2026-12-31`,
    );
  const file = (count: number) =>
    ['phone,customer_name,amount_due,currency,due_date', ...rows(count)].join('\n');

  test('50,000 rows are imported in one request', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    const started = Date.now();
    const response = await uploadLeads(env, env.users.alice, id, file(50_000));
    expect(response.status, await response.clone().text()).toBe(201);
    const report = await response.json();
    console.log(`50,000 rows imported in ${Date.now() - started} ms`);
    expect(report.import).toMatchObject({ rowsRead: 50_000, added: 50_000, rejected: 0 });
    const { rows: counted } = await env.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT phone)::int AS phones FROM campaign_leads
       WHERE campaign_id = $1 AND status = 'pending'`,
      [id],
    );
    expect(counted[0]).toEqual({ n: 50_000, phones: 50_000 });
  }, 120_000);

  test('a failure while writing the last batch leaves no lead and no import behind', async () => {
    const { id } = await createCampaign(env, env.users.alice);
    // The database refuses one row of the third batch (rows 10,001+): earlier batches were
    // already inserted in the same transaction.
    await env.db.query(`CREATE FUNCTION refuse_lead() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await env.db.query(`CREATE TRIGGER refuse_lead BEFORE INSERT ON campaign_leads FOR EACH ROW
      WHEN (NEW.source_row = 12000) EXECUTE FUNCTION refuse_lead()`);
    try {
      const response = await uploadLeads(env, env.users.alice, id, file(12_500));
      expect(response.status).toBe(500);
      expect((await response.json()).error.code).toBe('internal');
      await nothingWritten(id);
    } finally {
      await env.db.query('DROP TRIGGER refuse_lead ON campaign_leads');
      await env.db.query('DROP FUNCTION refuse_lead()');
    }
    // The same file goes in whole once nothing refuses it.
    const retried = await uploadLeads(env, env.users.alice, id, file(12_500));
    expect((await retried.json()).import.added).toBe(12_500);
  }, 120_000);
});
