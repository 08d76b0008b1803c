// Only lazy routes import this: the share-target-picker module stays out of the Setup route.
import { useState } from 'react';
import { useI18n } from '../lib/i18n';
import { canShareToLine, shareToLine } from '../lib/liff-share';
import './invite-button.css';

type InviteState = { status: 'idle' } | { status: 'copied' } | { status: 'show-link' };

interface InviteButtonProps {
  link: string;
  /** The text sent through LINE's picker; it should contain the link. */
  message: string;
  label: string;
  className: string;
  testId: string;
}

/** Share a link through LINE's picker where LIFF offers it, else copy it (or show it to copy). */
export function InviteButton({ link, message, label, className, testId }: InviteButtonProps) {
  const { t } = useI18n();
  const [state, setState] = useState<InviteState>({ status: 'idle' });

  const invite = async () => {
    if (canShareToLine()) {
      // A picker that fails to open (old LINE, revoked permission) falls back to the link.
      const shared = await shareToLine(message).then(
        () => true,
        () => false,
      );
      if (shared) return;
    }
    try {
      await navigator.clipboard.writeText(link);
      setState({ status: 'copied' });
      setTimeout(() => setState({ status: 'idle' }), 2500);
    } catch {
      setState({ status: 'show-link' });
    }
  };

  return (
    <div className="invite">
      <button
        type="button"
        className={className}
        onClick={() => void invite()}
        data-testid={testId}
      >
        {label}
      </button>
      {state.status === 'copied' && (
        <span className="invite__toast" role="status">
          {t('meeting.invite.copied')}
        </span>
      )}
      {state.status === 'show-link' && (
        <label className="invite__link">
          {t('meeting.invite.copyHere')}
          <input readOnly value={link} onFocus={(event) => event.target.select()} />
        </label>
      )}
    </div>
  );
}
