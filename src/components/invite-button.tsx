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
  /**
   * 'float' (a toolbar): the toast and the copy-this-link field float under the button.
   * 'inline' (a page column): they take their place under it and push what follows down, so
   * they never cover the next button.
   */
  layout?: 'float' | 'inline';
  /** The link is not known yet (it carries an id the server gives): shown, not pressable. */
  disabled?: boolean;
}

/** Share a link through LINE's picker where LIFF offers it, else copy it (or show it to copy). */
export function InviteButton({
  link,
  message,
  label,
  className,
  testId,
  layout = 'float',
  disabled = false,
}: InviteButtonProps) {
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
    <div className={`invite invite--${layout}`}>
      <button
        type="button"
        className={className}
        onClick={() => void invite()}
        disabled={disabled}
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
        <div className="invite__link" data-testid="invite-link">
          <label>
            {t('meeting.invite.copyHere')}
            <input readOnly value={link} onFocus={(event) => event.target.select()} />
          </label>
          <button
            type="button"
            className="invite__close"
            onClick={() => setState({ status: 'idle' })}
            data-testid="invite-link-close"
          >
            {t('common.close')}
          </button>
        </div>
      )}
    </div>
  );
}
