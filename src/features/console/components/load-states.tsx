// What a console panel shows before its data is in, or when it could not be read.
import { errorText } from '../console-words';

export function Loading({ label }: { label: string }) {
  return (
    <p className="console-state" role="status">
      <span className="spinner spinner--small" aria-hidden="true" /> {label}
    </p>
  );
}

export function LoadFailed({
  what,
  error,
  onRetry,
}: {
  what: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <div className="console-state console-state--error" role="alert">
      <p>
        <strong>Couldn't load {what}.</strong> {errorText(error)}
      </p>
      {onRetry && (
        <button type="button" className="console-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="console-state console-state--empty">{children}</div>;
}
