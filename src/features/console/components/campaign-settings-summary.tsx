// A campaign's settings in one line, with the way to change them while nothing is dialled (a
// draft or paused campaign, as the server allows: docs/campaigns.md#settings).
import type { Campaign } from '../../../../api/_lib/console-contract';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function CampaignSettingsSummary({
  campaign,
  onEdit,
}: {
  campaign: Campaign;
  onEdit: () => void;
}) {
  return (
    <div className="campaign-settings">
      <p className="muted small" data-testid="campaign-settings">
        {campaign.script} script in {campaign.language} · {campaign.defaultCountry} numbers ·{' '}
        {campaign.window.startHour}:00–{campaign.window.endHour}:00{' '}
        {campaign.window.days.map((d) => DAYS[d - 1]).join(' ')} ({campaign.timeZone}) ·{' '}
        {campaign.pacePerMinute}/min, {campaign.concurrency} at once · up to{' '}
        {campaign.retry.maxAttempts} attempts
      </p>
      {(campaign.status === 'draft' || campaign.status === 'paused') && (
        <button type="button" className="console-button" onClick={onEdit}>
          Edit settings
        </button>
      )}
      {campaign.status === 'running' && (
        <p className="campaign-settings__hint small">Pause to change its settings.</p>
      )}
    </div>
  );
}
