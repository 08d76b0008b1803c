// Start, pause, resume, complete, cancel. The buttons offered follow the campaign's state as the
// lifecycle allows (docs/campaigns.md#states); the server still decides, and its 409 (the state
// changed meanwhile, or there is no lead left to call) is shown beside them.
import { useState } from 'react';
import type {
  Campaign,
  CampaignAction,
  CampaignState,
} from '../../../../api/_lib/console-contract';
import { actOnCampaign } from '../api/console-api';
import { errorText } from '../console-words';
import { ApiError } from '../../../lib/api-client';

const OFFERED: Record<CampaignState, CampaignAction[]> = {
  draft: ['start', 'cancel'],
  running: ['pause', 'complete', 'cancel'],
  paused: ['resume', 'complete', 'cancel'],
  completed: [],
  canceled: [],
};

const LABELS: Record<CampaignAction, string> = {
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  complete: 'Complete',
  cancel: 'Cancel campaign',
};

/** Complete and cancel end the campaign for good: they ask once more. */
const FINAL: CampaignAction[] = ['complete', 'cancel'];

type Acting =
  | { status: 'idle' }
  | { status: 'confirming'; action: CampaignAction }
  | { status: 'acting'; action: CampaignAction }
  | { status: 'refused'; action: CampaignAction; error: unknown };

export function CampaignActions({
  campaign,
  onChanged,
}: {
  campaign: Campaign;
  onChanged: (campaign: Campaign) => void;
}) {
  const [acting, setActing] = useState<Acting>({ status: 'idle' });
  async function act(action: CampaignAction) {
    setActing({ status: 'acting', action });
    try {
      onChanged(await actOnCampaign(campaign.id, action));
      setActing({ status: 'idle' });
    } catch (error) {
      setActing({ status: 'refused', action, error });
    }
  }
  const offered = OFFERED[campaign.status];
  if (offered.length === 0) return null;
  if (acting.status === 'confirming') {
    return (
      <div className="campaign-actions" role="group" aria-label="Confirm">
        <strong>
          {acting.action === 'cancel'
            ? 'Cancel this campaign? No more calls are made, and it cannot be started again.'
            : 'Complete this campaign? No more calls are made, and it cannot be started again.'}
        </strong>
        <button
          type="button"
          className="console-button console-button--danger"
          onClick={() => void act(acting.action)}
        >
          {acting.action === 'cancel' ? 'Yes, cancel it' : 'Yes, complete it'}
        </button>
        <button
          type="button"
          className="console-button"
          onClick={() => setActing({ status: 'idle' })}
        >
          Keep it
        </button>
      </div>
    );
  }
  return (
    <div className="campaign-actions">
      {offered.map((action) => (
        <button
          key={action}
          type="button"
          className={`console-button${action === 'cancel' ? ' console-button--danger' : action === 'start' || action === 'resume' ? ' console-button--primary' : ''}`}
          disabled={acting.status === 'acting'}
          onClick={() =>
            FINAL.includes(action) ? setActing({ status: 'confirming', action }) : void act(action)
          }
        >
          {acting.status === 'acting' && acting.action === action
            ? `${LABELS[action]}…`
            : LABELS[action]}
        </button>
      ))}
      {acting.status === 'refused' && (
        <p className="form-error" role="alert" data-testid="campaign-action-error">
          {refusal(acting.action, acting.error)}
        </p>
      )}
    </div>
  );
}

/** A 409 says why in the server's words ("Cannot start a draft campaign: it has no lead left to call."). */
function refusal(action: CampaignAction, error: unknown): string {
  if (error instanceof ApiError && error.status === 409) return error.message;
  return `Couldn't ${action} the campaign. ${errorText(error)}`;
}
