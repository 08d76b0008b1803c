import type { ReactNode } from 'react';

interface RoundActionProps {
  label: string;
  tone: 'accept' | 'end' | 'plain';
  icon: ReactNode;
  onClick(): void;
  disabled?: boolean;
  testId: string;
}

/** A big round call button (Accept, Decline, Cancel, End) with its word under it. */
export function RoundAction({ label, tone, icon, onClick, disabled, testId }: RoundActionProps) {
  return (
    <button
      type="button"
      className={`round-action round-action--${tone}`}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      <span className="round-action__icon">{icon}</span>
      <span className="round-action__label">{label}</span>
    </button>
  );
}
