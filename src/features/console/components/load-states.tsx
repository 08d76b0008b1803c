// What a console panel shows before its data is in, when it could not be read, or to whom it is not.
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

/** A page an operator reached by its address but only admins may use. */
export function AdminsOnly({ children }: { children: React.ReactNode }) {
  return (
    <div className="console-state console-state--empty" role="alert">
      <p>{children}</p>
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="console-state console-state--empty">{children}</div>;
}
