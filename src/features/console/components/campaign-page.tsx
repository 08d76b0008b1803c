// One campaign: what it is, what can be done with it now (changing its settings and uploading
// leads while it is a draft or paused, actions), and its live monitor. While its settings are
// being changed, the form stands in for the actions, so Save and Cancel are the only buttons in
// reach.
import { useCallback, useState } from 'react';
import type { Campaign, CampaignState } from '../../../../api/_lib/console-contract';
import { Link } from '../../../lib/router';
import { getCampaign, updateCampaign } from '../api/console-api';
import { changesFrom, formValuesOf } from '../campaign-form-values';
import { useLoad } from '../hooks/use-load';
import { CampaignActions } from './campaign-actions';
import { CampaignForm } from './campaign-form';
import { CampaignSettingsSummary } from './campaign-settings-summary';
import { LeadUpload } from './lead-upload';
import { LiveMonitor } from './live-monitor';
import { LoadFailed, Loading } from './load-states';
import { StatusBadge } from './status-badge';

export function CampaignPage({ id }: { id: string }) {
  const [loaded, reload] = useLoad(`campaign-${id}`, (signal) => getCampaign(id, { signal }));
  const [changed, setChanged] = useState<Campaign | null>(null);
  const [editing, setEditing] = useState(false);
  // The monitor reports the state only when it changes, so an action's answer is not undone by
  // a read that was already on its way.
  const onStatus = useCallback(
    (status: CampaignState) =>
      setChanged((c) => {
        const current = c ?? (loaded.status === 'loaded' ? loaded.value : null);
        return current && current.status !== status ? { ...current, status } : c;
      }),
    [loaded],
  );
  if (loaded.status === 'loading') return <Loading label="Loading the campaign…" />;
  if (loaded.status === 'failed') {
    return <LoadFailed what="the campaign" error={loaded.error} onRetry={reload} />;
  }
  const campaign = changed ?? loaded.value;
  const editable = campaign.status === 'draft' || campaign.status === 'paused';
  return (
    <>
      <p className="breadcrumb">
        <Link href="/console">Campaigns</Link> ›
      </p>
      <div className="console-title">
        <h1>
          {campaign.name} <StatusBadge status={campaign.status} />
        </h1>
        <Link href={`/console/campaigns/${id}/results`} className="console-button">
          Results
        </Link>
      </div>
      {editing ? (
        <CampaignForm
          title="Campaign settings"
          initial={formValuesOf(campaign)}
          submitLabel="Save settings"
          savingLabel="Saving…"
          save={(values) => updateCampaign(id, changesFrom(campaign, values))}
          onSaved={(saved) => {
            setChanged(saved);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <CampaignSettingsSummary campaign={campaign} onEdit={() => setEditing(true)} />
          <CampaignActions campaign={campaign} onChanged={setChanged} />
          {editable && <LeadUpload campaignId={id} />}
        </>
      )}
      <LiveMonitor campaignId={id} onStatus={onStatus} />
    </>
  );
}
