import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import { relativeTime } from '../relative-time';

interface CallRowContentProps {
  avatar: ReactNode;
  name: string;
  /** Missed by me: the name in red. */
  missed: boolean;
  /** Before the outcome: which way, what kind. */
  kind: ReactNode;
  outcome: string;
  /** Still ringing or on: the outcome stands out. */
  live: boolean;
  createdAt: string;
  now: number;
}

/** A row of the Calls list, for a call of either kind: who, what kind, how it went, when. */
export function CallRowContent(props: CallRowContentProps) {
  const { avatar, name, missed, kind, outcome, live, createdAt, now } = props;
  const { locale } = useI18n();
  return (
    <>
      {avatar}
      <span className="list-row__main">
        <span className={`list-row__name${missed ? ' list-row__name--missed' : ''}`}>{name}</span>
        <span className="list-row__meta">
          {kind}
          <span className={live ? 'list-row__live' : undefined} data-testid="call-outcome">
            {outcome}
          </span>
        </span>
      </span>
      <time className="list-row__time" dateTime={createdAt}>
        {relativeTime(createdAt, now, locale)}
      </time>
    </>
  );
}
