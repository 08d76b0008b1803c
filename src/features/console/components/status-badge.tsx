import type { CampaignState } from '../../../../api/_lib/console-contract';
import { CAMPAIGN_STATE_NAMES } from '../console-words';

export function StatusBadge({ status }: { status: CampaignState }) {
  return (
    <span className={`badge badge--${status}`} data-testid="campaign-status">
      {CAMPAIGN_STATE_NAMES[status]}
    </span>
  );
}
