/**
 * A campaign's leads and their imports. An import is one transaction: the campaign row is locked
 * (so it cannot start meanwhile), the leads go in by batches, duplicates of leads already in the
 * campaign are left as they are, numbers on the do-not-call list are added skipped, and the
 * rejected rows are kept for the report. Anything failing rolls all of it back.
 */
import { CAMPAIGN_EDITABLE_STATES, type CampaignState } from '../domain/campaign-lifecycle.js';
import type { LeadOutcome, LeadState } from '../domain/lead-lifecycle.js';
import { query, withLock } from './pool.js';
import type { LeadRow } from './lead-attempts.js';

export interface NewLead {
  phone: string | null;
  lineUserId: string | null;
  fields: Record<string, string>;
  timeZone: string;
  row: number;
}

export interface Rejection {
  row: number;
  reason: string;
  raw: string;
}

export interface ImportCounts {
  id: string;
  rowsRead: number;
  added: number;
  skipped: number;
  merged: number;
  rejected: number;
}

export type InsertLeadsResult =
  | { kind: 'imported'; counts: ImportCounts }
  | { kind: 'not-found' }
  | { kind: 'not-editable'; status: CampaignState };

/** Rows per INSERT: one statement stays well under Postgres' parameter and size limits. */
const BATCH = 5000;

export async function insertLeads(input: {
  campaignId: string;
  importedBy: string;
  rowsRead: number;
  leads: NewLead[];
  /** Rows merged into an earlier row of the same file. */
  mergedInFile: number;
  rejections: Rejection[];
}): Promise<InsertLeadsResult> {
  return withLock(`campaign-leads:${input.campaignId}`, async (run) => {
    const [campaign] = await run<{ status: CampaignState }>(
      'SELECT status FROM campaigns WHERE id = $1 FOR UPDATE',
      [input.campaignId],
    );
    if (!campaign) return { kind: 'not-found' };
    if (!(CAMPAIGN_EDITABLE_STATES as readonly string[]).includes(campaign.status)) {
      return { kind: 'not-editable', status: campaign.status };
    }
    const [created] = await run<{ id: string }>(
      `INSERT INTO lead_imports (campaign_id, imported_by, rows_read, added, skipped, merged,
         rejected)
       VALUES ($1, $2, $3, 0, 0, 0, $4) RETURNING id`,
      [input.campaignId, input.importedBy, input.rowsRead, input.rejections.length],
    );
    const importId = created!.id;
    let added = 0;
    let skipped = 0;
    for (let start = 0; start < input.leads.length; start += BATCH) {
      const batch = input.leads.slice(start, start + BATCH).map((lead) => ({
        phone: lead.phone,
        line_user_id: lead.lineUserId,
        fields: lead.fields,
        time_zone: lead.timeZone,
        source_row: lead.row,
      }));
      const [counts] = await run<{ added: number; skipped: number }>(
        `WITH inserted AS (
           INSERT INTO campaign_leads (campaign_id, import_id, phone, line_user_id, fields,
             time_zone, source_row, status, skip_reason)
           SELECT $1, $2, i.phone, i.line_user_id, i.fields, i.time_zone, i.source_row,
             CASE WHEN d.callee IS NULL THEN 'pending' ELSE 'skipped' END,
             CASE WHEN d.callee IS NULL THEN NULL ELSE 'do_not_call' END
           FROM jsonb_to_recordset($3::jsonb) AS i(phone text, line_user_id text, fields jsonb,
             time_zone text, source_row integer)
           LEFT JOIN do_not_call d ON d.callee = COALESCE(i.phone, i.line_user_id)
           ORDER BY i.source_row
           ON CONFLICT DO NOTHING
           RETURNING status
         )
         SELECT count(*)::int AS added, count(*) FILTER (WHERE status = 'skipped')::int AS skipped
         FROM inserted`,
        [input.campaignId, importId, JSON.stringify(batch)],
      );
      added += counts!.added;
      skipped += counts!.skipped;
    }
    for (let start = 0; start < input.rejections.length; start += BATCH) {
      await run(
        `INSERT INTO lead_import_rejections (import_id, row_number, reason, raw)
         SELECT $1, r.row, r.reason, r.raw
         FROM jsonb_to_recordset($2::jsonb) AS r(row integer, reason text, raw text)`,
        [importId, JSON.stringify(input.rejections.slice(start, start + BATCH))],
      );
    }
    // A lead already in the campaign (from an earlier import) was not inserted: merged too.
    const merged = input.mergedInFile + (input.leads.length - added);
    await run('UPDATE lead_imports SET added = $2, skipped = $3, merged = $4 WHERE id = $1', [
      importId,
      added - skipped,
      skipped,
      merged,
    ]);
    return {
      kind: 'imported',
      counts: {
        id: importId,
        rowsRead: input.rowsRead,
        added: added - skipped,
        skipped,
        merged,
        rejected: input.rejections.length,
      },
    };
  });
}

export async function findRejections(
  campaignId: string,
  importId: string,
): Promise<Rejection[] | undefined> {
  const rows = await query<{ row: number | null; reason: string | null; raw: string | null }>(
    `SELECT r.row_number AS row, r.reason, r.raw
     FROM lead_imports i LEFT JOIN lead_import_rejections r ON r.import_id = i.id
     WHERE i.id = $1 AND i.campaign_id = $2
     ORDER BY r.row_number`,
    [importId, campaignId],
  );
  if (rows.length === 0) return undefined;
  return rows
    .filter((row) => row.row !== null)
    .map((row) => ({ row: row.row!, reason: row.reason!, raw: row.raw! }));
}

export interface Lead {
  id: number;
  phone: string | null;
  lineUserId: string | null;
  fields: Record<string, string>;
  timeZone: string;
  status: LeadState;
  skipReason: string | null;
  outcome: LeadOutcome | null;
  attempts: number;
  sourceRow: number | null;
}

/** The attempt row's columns the listing reads, and the lead's place in its upload. */
type ListedLeadRow = Omit<LeadRow, 'campaign_id' | 'next_attempt_at' | 'dialed_at'> & {
  source_row: number | null;
};

/** A page of a campaign's leads in id order, after `afterId`, optionally of one state. */
export async function listLeads(
  campaignId: string,
  options: { status?: LeadState; afterId: number; limit: number },
): Promise<Lead[]> {
  const rows = await query<ListedLeadRow>(
    `SELECT id, phone, line_user_id, fields, time_zone, status, skip_reason, outcome, attempts,
       source_row
     FROM campaign_leads
     WHERE campaign_id = $1 AND id > $2 AND ($3::text IS NULL OR status = $3)
     ORDER BY id LIMIT $4`,
    [campaignId, options.afterId, options.status ?? null, options.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    phone: row.phone,
    lineUserId: row.line_user_id,
    fields: row.fields,
    timeZone: row.time_zone,
    status: row.status,
    skipReason: row.skip_reason,
    outcome: row.outcome,
    attempts: row.attempts,
    sourceRow: row.source_row,
  }));
}
