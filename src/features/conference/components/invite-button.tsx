import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { appLink } from '../../../lib/liff';
import { canShareToLine, shareToLine } from '../../../lib/liff-share';
import { useSession } from '../../../lib/session';

type InviteState = { status: 'idle' } | { status: 'copied' } | { status: 'show-link' };

/** Share the room through LINE's picker where LIFF offers it, else copy the link. */
export function InviteButton({ room }: { room: string }) {
  const { t } = useI18n();
  const session = useSession();
  const [state, setState] = useState<InviteState>({ status: 'idle' });
  const link = appLink(`/meeting/${encodeURIComponent(room)}`, session);

  const invite = async () => {
    if (canShareToLine()) {
      // A picker that fails to open (old LINE, revoked permission) falls back to the link.
      const shared = await shareToLine(t('meeting.invite.message', { link })).then(
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
        className="button button--small"
        onClick={() => void invite()}
        data-testid="invite-button"
      >
        {t('meeting.invite')}
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
