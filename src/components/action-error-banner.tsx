import { errorCode } from '../lib/api-client';
import { useI18n } from '../lib/i18n';

/** What went wrong with the last tap (Accept, Decline, End…), over the call's screen. */
export function ActionErrorBanner({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === null) return null;
  return (
    <div className="call-banner" role="alert" data-testid="action-error">
      {t('call.actionFailed', { code: errorCode(error) })}
    </div>
  );
}
