// A campaign's results: where its leads ended, the numbers and charts of its calls, every lead
// (a row opens its attempts and transcripts), and the whole as CSV.
import { useState } from 'react';
import type { Lead } from '../../../../api/_lib/console-contract';
import { Link } from '../../../lib/router';
import { exportCsvPath, getResults } from '../api/console-api';
import { LEAD_STATE_NAMES, outcomeName } from '../console-words';
import { useLoad } from '../hooks/use-load';
import { CallStatsView } from './call-stats-view';
import { DownloadLink } from './download-link';
import { LeadDetailPanel } from './lead-detail-panel';
import { LeadTable } from './lead-table';
import { Counter } from './counter';
import { LoadFailed, Loading } from './load-states';
import { StatusBadge } from './status-badge';

export function ResultsPage({ id }: { id: string }) {
  const [results, reload] = useLoad(`results-${id}`, (signal) => getResults(id, { signal }));
  const [openLead, setOpenLead] = useState<Lead | null>(null);
  if (results.status === 'loading') return <Loading label="Loading the results…" />;
  if (results.status === 'failed') {
    return <LoadFailed what="the results" error={results.error} onRetry={reload} />;
  }
  const { campaign, leads, leadOutcomes, stats } = results.value;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/console">Campaigns</Link> ›{' '}
        <Link href={`/console/campaigns/${id}`}>{campaign.name}</Link> ›
      </p>
      <div className="console-title">
        <h1>
          Results: {campaign.name} <StatusBadge status={campaign.status} />
        </h1>
        <DownloadLink path={exportCsvPath(id)} fileName={`campaign-${id}.csv`}>
          Export CSV
        </DownloadLink>
      </div>
      <section aria-labelledby="calls-title" className="console-card">
        <h2 id="calls-title">Calls</h2>
        <CallStatsView stats={stats} />
      </section>
      <section aria-labelledby="leads-title" className="console-card">
        <h2 id="leads-title">Leads</h2>
        <p className="counters-title">By state</p>
        <dl className="counters counters--small" aria-label="Leads by state">
          {Object.entries(leads).map(([state, count]) => (
            <Counter
              key={state}
              label={LEAD_STATE_NAMES[state as keyof typeof leads]}
              value={count}
            />
          ))}
        </dl>
        <p className="counters-title">By outcome</p>
        <dl className="counters counters--small" aria-label="Leads by outcome">
          {Object.entries(leadOutcomes)
            .filter(([, count]) => count > 0)
            .map(([outcome, count]) => (
              <Counter key={outcome} label={outcomeName(outcome)} value={count} />
            ))}
        </dl>
        <LeadTable campaignId={id} onOpen={setOpenLead} />
      </section>
      {openLead && (
        <LeadDetailPanel campaignId={id} lead={openLead} onClose={() => setOpenLead(null)} />
      )}
    </>
  );
}
