/**
 * A campaign's leads as CSV, one row per lead with its last attempt, for Excel: UTF-8 with a BOM,
 * CRLF lines, cells a spreadsheet would run as a formula made inert (csv-text.ts). Streamed a page
 * of leads at a time, so a campaign of 100,000 leads never sits in memory whole; the first page is
 * read before answering, so an unknown campaign is still a 404.
 */
import { exportPage, type ExportedLead } from '../db/campaign-results.js';
import { SCRIPT_FIELDS } from '../domain/agent-conversation.js';
import { csvLine } from './csv-text.js';
import { getCampaign } from './manage-campaigns.js';

/** Leads per query: small enough to hold, large enough that 100,000 leads are 100 queries. */
const PAGE = 1000;

export async function exportLeadsCsv(campaignId: string): Promise<ReadableStream<Uint8Array>> {
  const campaign = await getCampaign(campaignId);
  // The fields the campaign's script takes (the only ones an import accepts for it).
  const fields = SCRIPT_FIELDS[campaign.script];
  const header = csvLine([
    'id',
    'phone',
    'line_user_id',
    ...fields,
    'status',
    'skip_reason',
    'outcome',
    'attempts',
    'last_started_at',
    'last_answered_at',
    'last_ended_at',
    'last_duration_seconds',
  ]);
  const encoder = new TextEncoder();
  let page = await exportPage(campaignId, 0, PAGE);
  let first = true;
  return new ReadableStream({
    async pull(controller) {
      if (!first) {
        if (page.length < PAGE) return controller.close();
        page = await exportPage(campaignId, page[page.length - 1]!.id, PAGE);
        if (page.length === 0) return controller.close();
      }
      // The byte-order mark makes Excel read the file as UTF-8.
      const lines = first ? [`\uFEFF${header}`] : [];
      first = false;
      lines.push(...page.map((lead) => csvLine(exportRow(lead, fields))));
      controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`));
    },
  });
}

function exportRow(lead: ExportedLead, fields: readonly string[]): string[] {
  const time = (date: Date | null | undefined) => date?.toISOString() ?? '';
  return [
    String(lead.id),
    lead.phone ?? '',
    lead.lineUserId ?? '',
    ...fields.map((field) => lead.fields[field] ?? ''),
    lead.status,
    lead.skipReason ?? '',
    lead.outcome ?? '',
    String(lead.attempts),
    time(lead.last?.startedAt),
    time(lead.last?.answeredAt),
    time(lead.last?.endedAt),
    lead.last?.durationSeconds?.toString() ?? '',
  ];
}
