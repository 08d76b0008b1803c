// Needs LiveKit's components, so only the lazy call routes import this.
import { RoomAudioRenderer, RoomContext } from '@livekit/components-react';
import type { ReactNode } from 'react';
import type { CallMedia } from '../lib/calls/call-view';
import { useI18n } from '../lib/i18n';
import { connectedRoom, type CallConnection } from '../lib/livekit/use-call-room';
import { HangUpIcon } from './call-icons';
import { callMarkAttributes, type CallMarks } from './call-marks';
import { ConnectionQualities } from './connection-qualities';
import { RoundAction } from './round-action';
import { StartAudioButton } from './start-audio-button';

interface InCallLayoutProps {
  marks: CallMarks;
  connection: CallConnection;
  media: CallMedia;
  name: string;
  nameTestId?: string;
  /** Beside the name: how long, or what it waits for. */
  state: ReactNode;
  banner: ReactNode;
  stage: ReactNode;
  /** Beside the end button (in the room's context): mic, camera, me small. */
  controls: ReactNode;
  end: { testId: string; onClick(): void; disabled?: boolean };
}

/**
 * A call in progress, of either kind: who, how it stands, the stage, the controls and End. Once in
 * the room, LiveKit's components get it as their context and the others' sound plays.
 */
export function InCallLayout(props: InCallLayoutProps) {
  const { marks, connection, media, name, nameTestId, state, banner, stage, controls, end } = props;
  const { t } = useI18n();
  const room = connectedRoom(connection);
  const body = (
    <main className={`call call--live call--${media}`} {...callMarkAttributes(marks)}>
      <header className="call__top">
        <strong className="call__top-name" data-testid={nameTestId}>
          {name}
        </strong>
        {state}
        {room && <ConnectionQualities />}
      </header>
      {banner}
      {stage}
      <footer className="call__controls">
        {controls}
        <RoundAction
          label={t('call.end')}
          tone="end"
          icon={<HangUpIcon size={30} />}
          onClick={end.onClick}
          disabled={end.disabled}
          testId={end.testId}
        />
      </footer>
      {room && (
        <>
          <StartAudioButton />
          <RoomAudioRenderer />
        </>
      )}
    </main>
  );
  return room ? <RoomContext value={room}>{body}</RoomContext> : body;
}
