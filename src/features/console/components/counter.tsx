/** One number at a glance: a label over a large value. Lives in a <dl>. */
export function Counter({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="counter">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
