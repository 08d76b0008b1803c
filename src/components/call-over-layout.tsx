import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { callMarkAttributes, type CallMarks } from './call-marks';

interface CallOverLayoutProps {
  marks: CallMarks;
  avatar: ReactNode;
  name: string;
  outcome: string;
  outcomeTestId: string;
  /** Video, Voice, Agent call. */
  kind: string;
  /** When it ended, or (never started) when it was made. */
  at: string;
  /** Under the outcome: why it failed, say. */
  note?: ReactNode;
  /** The ways on, above "Back to calls". */
  children: ReactNode;
}

/** A call that is over, of either kind: who, how it ended, what and when; the ways on. */
export function CallOverLayout(props: CallOverLayoutProps) {
  const { marks, avatar, name, outcome, outcomeTestId, kind, at, note, children } = props;
  const { t, locale } = useI18n();
  const when = new Date(at).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  return (
    <main className="call call--over" {...callMarkAttributes(marks)}>
      <section className="call__who">
        {avatar}
        <p className="call__name">{name}</p>
        <h1 className="call__title" data-testid={outcomeTestId}>
          {outcome}
        </h1>
        <p className="call__kind">
          {kind} · {when}
        </p>
        {note}
      </section>
      <footer className="call__over-actions">
        {children}
        <Link
          href="/history"
          className="button button--block call__back"
          data-testid="back-to-calls"
        >
          {t('call.backToCalls')}
        </Link>
      </footer>
    </main>
  );
}
