// A form's primary button: it says what it is doing while the request is out, and cannot be
// pressed twice meanwhile.
export function SubmitButton({
  busy,
  label,
  busyLabel,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <button type="submit" className="console-button console-button--primary" disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}
