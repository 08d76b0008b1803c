// Every campaign at a glance (the latest 100): its state and its leads by state; and the form
// that makes a new one.
import { useState } from 'react';
import type { CampaignListEntry } from '../../../../api/_lib/console-contract';
import { Link, navigate } from '../../../lib/router';
import { createCampaign, listCampaigns } from '../api/console-api';
import { NEW_CAMPAIGN, settingsToSend } from '../campaign-form-values';
import { LEAD_STATE_NAMES } from '../console-words';
import { useLoad } from '../hooks/use-load';
import { Empty, LoadFailed, Loading } from './load-states';
import { CampaignForm } from './campaign-form';
import { StatusBadge } from './status-badge';

export function CampaignListPage() {
  const [campaigns, reload] = useLoad('campaigns', (signal) => listCampaigns({ signal }));
  const [creating, setCreating] = useState(false);
  return (
    <>
      <div className="console-title">
        <h1>Campaigns</h1>
        {!creating && (
          <button
            type="button"
            className="console-button console-button--primary"
            onClick={() => setCreating(true)}
          >
            New campaign
          </button>
        )}
      </div>
      {creating && (
        <CampaignForm
          title="New campaign"
          initial={NEW_CAMPAIGN}
          submitLabel="Create campaign"
          savingLabel="Creating…"
          save={(values) => createCampaign(settingsToSend(values))}
          onSaved={(campaign) => navigate(`/console/campaigns/${campaign.id}`)}
          onCancel={() => setCreating(false)}
        />
      )}
      {campaigns.status === 'loading' && <Loading label="Loading campaigns…" />}
      {campaigns.status === 'failed' && (
        <LoadFailed what="the campaigns" error={campaigns.error} onRetry={reload} />
      )}
      {campaigns.status === 'loaded' &&
        (campaigns.value.length === 0 ? (
          <Empty>
            <p>No campaigns yet. Make one with “New campaign”, then upload its leads as a CSV.</p>
          </Empty>
        ) : (
          <CampaignTable campaigns={campaigns.value} />
        ))}
    </>
  );
}

function CampaignTable({ campaigns }: { campaigns: CampaignListEntry[] }) {
  return (
    <table className="console-table" aria-label="Campaigns">
      <thead>
        <tr>
          <th scope="col">Campaign</th>
          <th scope="col">Status</th>
          <th scope="col">Leads</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {campaigns.map((campaign) => (
          <tr key={campaign.id}>
            <th scope="row">
              <Link href={`/console/campaigns/${campaign.id}`}>{campaign.name}</Link>
              <div className="muted small">
                {campaign.script} · {campaign.language} · {campaign.defaultCountry}
              </div>
            </th>
            <td>
              <StatusBadge status={campaign.status} />
            </td>
            <td>
              <LeadCounts leads={campaign.leads} />
            </td>
            <td className="small">{new Date(campaign.createdAt).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LeadCounts({ leads }: { leads: Record<string, number> }) {
  const shown = Object.entries(leads).filter(([, count]) => count > 0);
  if (shown.length === 0) return <span className="muted">No leads</span>;
  return (
    <ul className="lead-counts">
      {shown.map(([state, count]) => (
        <li key={state}>
          <span className="lead-counts__count">{count}</span>{' '}
          {LEAD_STATE_NAMES[state as keyof typeof LEAD_STATE_NAMES] ?? state}
        </li>
      ))}
    </ul>
  );
}
