// A campaign's leads in id order, a page at a time (`after`: the last id seen). A lead's name
// opens its attempts and transcripts.
import type { Lead } from '../../../../api/_lib/console-contract';
import { LEAD_PAGE, listLeads } from '../api/console-api';
import { LEAD_STATE_NAMES, outcomeName } from '../console-words';
import { usePages } from '../hooks/use-pages';
import { MorePages } from './more-pages';

export const leadCallee = (lead: Lead) =>
  lead.fields.customer_name ?? lead.phone ?? lead.lineUserId ?? `Lead ${lead.id}`;

export function LeadTable({
  campaignId,
  onOpen,
}: {
  campaignId: string;
  onOpen: (lead: Lead) => void;
}) {
  const [pages, next] = usePages(LEAD_PAGE, (last: Lead | undefined, signal) =>
    listLeads(campaignId, last?.id ?? 0, { signal }),
  );

  if (pages.status === 'all' && pages.items.length === 0) {
    return <p className="muted">No leads yet: upload a CSV on the campaign's page.</p>;
  }
  return (
    <>
      <table className="console-table" aria-label="Leads">
        <thead>
          <tr>
            <th scope="col">Lead</th>
            <th scope="col">Number or LINE user</th>
            <th scope="col">State</th>
            <th scope="col">Outcome</th>
            <th scope="col">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {pages.items.map((lead) => (
            <tr key={lead.id}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(lead)}>
                  {leadCallee(lead)}
                </button>
              </th>
              <td>{lead.phone ?? lead.lineUserId}</td>
              <td>
                {LEAD_STATE_NAMES[lead.status]}
                {lead.skipReason && (
                  <span className="muted small"> ({lead.skipReason.replace(/_/g, ' ')})</span>
                )}
              </td>
              <td>{lead.outcome ? outcomeName(lead.outcome) : '–'}</td>
              <td>{lead.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MorePages pages={pages} next={next} what="leads" moreLabel="More leads" />
    </>
  );
}
