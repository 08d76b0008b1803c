// A campaign's leads in id order, a page at a time (`after`: the last id seen). A lead's name
// opens its attempts and transcripts.
import { useCallback, useEffect, useReducer } from 'react';
import type { Lead } from '../../../../api/_lib/console-contract';
import { LEAD_PAGE, listLeads } from '../api/console-api';
import { errorText, LEAD_STATE_NAMES, outcomeName } from '../console-words';

type Pages =
  | { status: 'loading'; leads: Lead[] }
  | { status: 'more'; leads: Lead[] }
  | { status: 'all'; leads: Lead[] }
  | { status: 'failed'; leads: Lead[]; error: unknown };

type PagesEvent =
  { type: 'page'; leads: Lead[] } | { type: 'failed'; error: unknown } | { type: 'next' };

function pagesReducer(state: Pages, event: PagesEvent): Pages {
  switch (event.type) {
    case 'page':
      return {
        status: event.leads.length < LEAD_PAGE ? 'all' : 'more',
        leads: [...state.leads, ...event.leads],
      };
    case 'failed':
      return { status: 'failed', leads: state.leads, error: event.error };
    case 'next':
      return { status: 'loading', leads: state.leads };
  }
}

export const leadCallee = (lead: Lead) =>
  lead.fields.customer_name ?? lead.phone ?? lead.lineUserId ?? `Lead ${lead.id}`;

export function LeadTable({
  campaignId,
  onOpen,
}: {
  campaignId: string;
  onOpen: (lead: Lead) => void;
}) {
  const [pages, dispatch] = useReducer(pagesReducer, { status: 'loading', leads: [] });
  const afterId = pages.leads.at(-1)?.id ?? 0;
  const loading = pages.status === 'loading';
  useEffect(() => {
    if (!loading) return;
    const controller = new AbortController();
    listLeads(campaignId, afterId, { signal: controller.signal }).then(
      (leads) => dispatch({ type: 'page', leads }),
      (error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [campaignId, afterId, loading]);
  const next = useCallback(() => dispatch({ type: 'next' }), []);

  if (pages.status === 'all' && pages.leads.length === 0) {
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
          {pages.leads.map((lead) => (
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
      {loading && <p role="status">Loading leads…</p>}
      {pages.status === 'more' && (
        <button type="button" className="console-button" onClick={next}>
          More leads
        </button>
      )}
      {pages.status === 'failed' && (
        <p className="form-error" role="alert">
          Couldn't load the leads: {errorText(pages.error)}{' '}
          <button type="button" className="console-button" onClick={next}>
            Try again
          </button>
        </p>
      )}
    </>
  );
}
