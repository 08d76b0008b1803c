/**
 * The export: one row per lead with its last attempt, exactly what the database holds, across
 * the pages it is streamed in; UTF-8 with a BOM; cells a spreadsheet would run made inert.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { campaignWithLeads, insertCall, makeOperator } from '../support/campaign-calls';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment({ signIn: ['alice', 'bob', 'carol'] });

/** More than two of the export's pages (1,000 leads each). */
const LEADS = 2100;

let campaignId: string;
let leadIds: number[];

beforeAll(async () => {
  await makeOperator(env, env.users.bob);
  const rows = Array.from(
    { length: LEADS },
    (_, i) => `090-${2000 + i}-0000,Customer ${i},INV-${i},${i}`,
  );
  // A name a spreadsheet would run as a formula, and one with a comma and a quote.
  rows[0] = '090-2000-0000,=1+2,INV-0,0';
  rows[1] = '090-2001-0000,"Sato, ""Taro""",INV-1,1';
  ({ campaignId, leadIds } = await campaignWithLeads(
    env,
    env.users.alice,
    ['phone,customer_name,invoice_number,amount_due', ...rows].join('\n'),
  ));
  if (leadIds.length !== LEADS) throw new Error(`imported ${leadIds.length} leads`);
  const [first, , third] = leadIds as [number, number, number];
  await insertCall(env, {
    leadId: first,
    attempt: 1,
    status: 'missed',
    createdAt: '2026-12-01T00:00:00Z',
    endedAt: '2026-12-01T00:01:00Z',
  });
  await insertCall(env, {
    leadId: first,
    attempt: 2,
    status: 'ended',
    createdAt: '2026-12-02T00:00:00Z',
    answeredAt: '2026-12-02T00:00:15Z',
    endedAt: '2026-12-02T00:01:15Z',
    durationSeconds: 60,
  });
  await insertCall(env, {
    leadId: third,
    status: 'ringing',
    createdAt: '2026-12-03T00:00:00Z',
  });
  await env.db.query(
    `UPDATE campaign_leads SET status = 'done', outcome = 'confirmed', attempts = 2 WHERE id = $1`,
    [first],
  );
});

/** Each lead as the export should write it, read straight from the tables. */
async function expectedRows(): Promise<string[][]> {
  const { rows } = await env.db.query(
    `SELECT l.id::text, COALESCE(l.phone, '') AS phone, COALESCE(l.line_user_id, '') AS line,
       l.fields, l.status, COALESCE(l.skip_reason, '') AS skip, COALESCE(l.outcome, '') AS outcome,
       l.attempts::text, s.created_at, s.answered_at, s.ended_at, s.duration_seconds
     FROM campaign_leads l LEFT JOIN LATERAL (
       SELECT * FROM agent_call_sessions WHERE campaign_lead_id = l.id
       ORDER BY campaign_attempt DESC LIMIT 1) s ON true
     WHERE l.campaign_id = $1 ORDER BY l.id`,
    [campaignId],
  );
  const iso = (date: Date | null) => date?.toISOString() ?? '';
  const inert = (cell: string) => (/^[=+\-@]/.test(cell) ? `'${cell}` : cell);
  const fields = ['customer_name', 'company_name', 'invoice_number', 'amount_due', 'currency'];
  return rows.map((row) =>
    [
      row.id,
      row.phone,
      row.line,
      ...[...fields, 'due_date'].map((field) => row.fields[field] ?? ''),
      row.status,
      row.skip,
      row.outcome,
      row.attempts,
      iso(row.created_at),
      iso(row.answered_at),
      iso(row.ended_at),
      row.duration_seconds?.toString() ?? '',
    ].map(inert),
  );
}

describe('the export', () => {
  test('operators only; an unknown campaign → 404 JSON', async () => {
    const path = `/api/console/campaigns/${campaignId}/export.csv`;
    expect((await env.api(path)).status).toBe(401);
    expect((await env.api(path, { as: env.users.carol })).status).toBe(403);
    const unknown = await env.api(
      '/api/console/campaigns/00000000-0000-4000-8000-000000000000/export.csv',
      { as: env.users.bob },
    );
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('campaign_not_found');
  });

  test('every lead, as the database holds it, with its last attempt', async () => {
    const response = await env.api(`/api/console/campaigns/${campaignId}/export.csv`, {
      as: env.users.bob,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment;');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    // TextDecoder drops the BOM, as Excel does.
    expect(text.split('\r\n')[0]).toBe(
      'id,phone,line_user_id,customer_name,company_name,invoice_number,amount_due,currency,' +
        'due_date,status,skip_reason,outcome,attempts,last_started_at,last_answered_at,' +
        'last_ended_at,last_duration_seconds',
    );
    const [, ...rows] = parse(text, { bom: true, relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(LEADS);
    expect(rows).toEqual(await expectedRows());
    expect(rows[0]!.slice(0, 4)).toEqual([String(leadIds[0]), "'+819020000000", '', "'=1+2"]);
    expect(rows[0]!.slice(-5)).toEqual([
      '2',
      '2026-12-02T00:00:00.000Z',
      '2026-12-02T00:00:15.000Z',
      '2026-12-02T00:01:15.000Z',
      '60',
    ]);
    expect(rows[1]![3]).toBe('Sato, "Taro"');
  });
});
