/**
 * Importing a CSV of leads into a campaign (docs/campaigns.md#importing-leads): the file is read
 * as it arrives, each row becomes a lead or a rejection with its reason, duplicates (the same
 * number or LINE user twice) merge into the first row, and everything is written in one
 * transaction, or nothing is.
 */
import { findCampaign } from '../db/campaigns.js';
import {
  findRejections,
  insertLeads,
  type ImportCounts,
  type NewLead,
  type Rejection,
} from '../db/campaign-leads.js';
import { CAMPAIGN_EDITABLE_STATES } from '../domain/campaign-lifecycle.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { readHeader, type LeadColumns } from './lead-columns.js';
import { readCsv } from './lead-csv.js';
import { readLeadRow } from './lead-row.js';
import { csvLine } from './csv-text.js';

export interface ImportReport {
  import: ImportCounts;
  /** The first rejections; the whole list is the import's rejections CSV. */
  rejections: { row: number; reason: string }[];
}

const REPORTED_INLINE = 100;

export async function importLeads(
  campaignId: string,
  importedBy: string,
  request: Request,
): Promise<ImportReport> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^(text\/csv|text\/plain|application\/vnd\.ms-excel)\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 415, 'Send the file as text/csv.');
  }
  const campaign = await findCampaign(campaignId);
  if (!campaign) throw notFound('campaign_not_found', 'No such campaign.');
  if (!(CAMPAIGN_EDITABLE_STATES as readonly string[]).includes(campaign.status)) {
    throw notEditable(campaign.status);
  }

  let columns: LeadColumns | undefined;
  const leads = new Map<string, NewLead>();
  const rejections: Rejection[] = [];
  let mergedInFile = 0;
  let rowsRead = 0;
  for await (const { row, fields } of readCsv(request.body)) {
    if (!columns) {
      columns = readHeader(fields, campaign.script);
      continue;
    }
    rowsRead += 1;
    const result = readLeadRow(fields, row, columns, campaign);
    if (!result.ok) {
      // Postgres text cannot hold NUL, which is one reason a row is rejected: shown as �.
      const raw = csvLine(fields).replaceAll('\u0000', '\uFFFD');
      rejections.push({ row, reason: result.reason, raw });
      continue;
    }
    const key = result.lead.phone ?? result.lead.lineUserId!;
    const first = leads.get(key);
    if (first) {
      // A later row fills in what the first left blank; the first row's values win.
      first.fields = { ...result.lead.fields, ...first.fields };
      mergedInFile += 1;
    } else {
      leads.set(key, result.lead);
    }
  }
  if (!columns) throw badRequest('empty_file', 'The file is empty: send a header and leads.');
  if (rowsRead === 0) throw badRequest('no_leads', 'The file has a header but no leads.');

  const result = await insertLeads({
    campaignId,
    importedBy,
    rowsRead,
    leads: [...leads.values()],
    mergedInFile,
    rejections,
  });
  if (result.kind === 'not-found') throw notFound('campaign_not_found', 'No such campaign.');
  if (result.kind === 'not-editable') throw notEditable(result.status);
  return {
    import: result.counts,
    rejections: rejections.slice(0, REPORTED_INLINE).map(({ row, reason }) => ({ row, reason })),
  };
}

/** The rejected rows of an import as a CSV an operator can open in a spreadsheet and fix. */
export async function rejectionsCsv(campaignId: string, importId: string): Promise<string> {
  const rejections = await findRejections(campaignId, importId);
  if (!rejections) throw notFound('import_not_found', 'No such import in this campaign.');
  const lines = [
    csvLine(['row', 'reason', 'original']),
    ...rejections.map(({ row, reason, raw }) => csvLine([String(row), reason, raw])),
  ];
  // The byte-order mark makes Excel read the file as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function notEditable(status: string): AppError {
  return new AppError(
    'invalid_state',
    409,
    `Leads can be added while the campaign is a draft or paused; it is ${status}.`,
    { details: { status } },
  );
}
