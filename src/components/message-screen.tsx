import type { ReactNode } from 'react';

interface MessageScreenProps {
  title: string;
  children?: ReactNode;
  /** Buttons or links; the first should be the way forward. */
  actions?: ReactNode;
  tone?: 'error' | 'info';
  testId?: string;
}

/** A full-screen plain-words message: what happened, what to do, and the buttons to do it. */
export function MessageScreen({
  title,
  children,
  actions,
  tone = 'error',
  testId,
}: MessageScreenProps) {
  return (
    <main className="screen screen--center" data-testid={testId}>
      <div className={`message message--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
        <h1 className="message__title">{title}</h1>
        {children}
        {actions && <div className="message__actions">{actions}</div>}
      </div>
    </main>
  );
}
