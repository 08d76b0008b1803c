// One campaign: what it is, what can be done with it now (actions, uploading leads while it is a
// draft or paused), and its live monitor.
import { useCallback, useState } from 'react';
import type { Campaign, CampaignState } from '../../../../api/_lib/console-contract';
import { Link } from '../../../lib/router';
import { getCampaign } from '../api/console-api';
import { useLoad } from '../hooks/use-load';
import { CampaignActions } from './campaign-actions';
import { LeadUpload } from './lead-upload';
import { LiveMonitor } from './live-monitor';
import { LoadFailed, Loading } from './load-states';
import { StatusBadge } from './status-badge';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function CampaignPage({ id }: { id: string }) {
  const [loaded, reload] = useLoad(`campaign-${id}`, (signal) => getCampaign(id, { signal }));
  const [changed, setChanged] = useState<Campaign | null>(null);
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
      <p className="muted small" data-testid="campaign-settings">
        {campaign.script} script in {campaign.language} · {campaign.defaultCountry} numbers ·{' '}
        {campaign.window.startHour}:00–{campaign.window.endHour}:00{' '}
        {campaign.window.days.map((d) => DAYS[d - 1]).join(' ')} ({campaign.timeZone}) ·{' '}
        {campaign.pacePerMinute}/min, {campaign.concurrency} at once · up to{' '}
        {campaign.retry.maxAttempts} attempts
      </p>
      <CampaignActions campaign={campaign} onChanged={setChanged} />
      {editable && <LeadUpload campaignId={id} />}
      <LiveMonitor campaignId={id} onStatus={onStatus} />
    </>
  );
}
