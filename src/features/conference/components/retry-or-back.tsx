import { useI18n } from '../../../lib/i18n';

interface RetryOrBackProps {
  /** Left out where another try cannot help: Back is then the main button. */
  onRetry?: (() => void) | undefined;
  onBack(): void;
}

/** The ways on from a meeting that could not start or go on: try again, or go back. */
export function RetryOrBack({ onRetry, onBack }: RetryOrBackProps) {
  const { t } = useI18n();
  return (
    <>
      {onRetry && (
        <button type="button" className="button button--primary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
      <button
        type="button"
        className={`button ${onRetry ? 'button--secondary' : 'button--primary'}`}
        onClick={onBack}
      >
        {t('common.back')}
      </button>
    </>
  );
}
