export function Splash({ label }: { label: string }) {
  return (
    <div className="screen screen--center" role="status" aria-live="polite">
      <div className="spinner" aria-hidden="true" />
      <p className="muted">{label}</p>
    </div>
  );
}
