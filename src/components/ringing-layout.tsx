import type { ReactNode } from 'react';
import { callMarkAttributes, type CallMarks } from './call-marks';
import { RingCountdown } from './ring-countdown';

interface RingingLayoutProps {
  marks: CallMarks;
  /** Behind and above who is calling: the camera, the banners. */
  backdrop: ReactNode;
  avatar: ReactNode;
  title: string;
  titleTestId: string;
  /** What kind of call, with its icon. */
  kind: ReactNode;
  deadline: string;
  /** The round buttons: Cancel; Decline and Accept; Not now and Accept. */
  actions: ReactNode;
}

/** A call that rings, of either kind: who, what kind, the time left, the buttons. */
export function RingingLayout(props: RingingLayoutProps) {
  const { marks, backdrop, avatar, title, titleTestId, kind, deadline, actions } = props;
  return (
    <main className="call call--ringing" {...callMarkAttributes(marks)}>
      {backdrop}
      <section className="call__who">
        {avatar}
        <h1 className="call__title" data-testid={titleTestId}>
          {title}
        </h1>
        <p className="call__kind">{kind}</p>
        <RingCountdown deadline={deadline} />
      </section>
      <footer className="call__actions">{actions}</footer>
    </main>
  );
}
