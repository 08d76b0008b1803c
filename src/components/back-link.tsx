import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';

/** "‹ Back" to Setup, at the left of a page's top bar (Calls, Call me now). */
export function BackLink() {
  const { t } = useI18n();
  return (
    <Link href="/" className="back-link">
      ‹ {t('common.back')}
    </Link>
  );
}
