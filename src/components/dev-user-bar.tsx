// Dev mode only (lazy chunk): who this tab is signed in as, and a switch to another dev user.
import './dev-user-bar.css';
import { switchDevUser } from '../lib/liff-dev';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';

export default function DevUserBar() {
  const { dev } = useSession();
  const { t } = useI18n();
  if (!dev) return null;
  return (
    <div className="dev-bar" data-testid="dev-user-bar">
      <label>
        {t('dev.user')}{' '}
        <select value={dev.current.userId} onChange={(event) => switchDevUser(event.target.value)}>
          {dev.users.map((user) => (
            <option key={user.userId} value={user.userId}>
              {user.displayName}
            </option>
          ))}
        </select>
      </label>
      {dev.unknown && (
        <p className="dev-bar__warning" role="alert" data-testid="dev-user-unknown">
          {t('dev.unknownUser', { name: dev.unknown, user: dev.current.displayName })}
        </p>
      )}
    </div>
  );
}
