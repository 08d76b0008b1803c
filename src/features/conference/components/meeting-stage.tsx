import { RoomAudioRenderer, TrackToggle, useParticipants } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useState } from 'react';
import { InviteButton } from '../../../components/invite-button';
import { StartAudioButton } from '../../../components/start-audio-button';
import { useI18n } from '../../../lib/i18n';
import { appLink } from '../../../lib/liff';
import { useSession } from '../../../lib/session';
import { ConferenceLayout } from './conference-layout';
import { ConnectionStatus } from './connection-status';

interface MeetingStageProps {
  room: string;
  mediaFailed: boolean;
  onLeave(): void;
}

// Screen capture exists on desktop browsers only; phones and LINE's web view have no getDisplayMedia.
const canShareScreen = typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/** The connected meeting: who is here, the tiles, and the controls. Needs a RoomContext. */
export function MeetingStage({ room, mediaFailed, onLeave }: MeetingStageProps) {
  const { t } = useI18n();
  const session = useSession();
  const participants = useParticipants();
  const link = appLink(`/meeting/${encodeURIComponent(room)}`, session);
  const [noticeOpen, setNoticeOpen] = useState(true);

  return (
    <div className="meeting" data-lk-theme="default">
      <header className="meeting__bar">
        <div className="meeting__title">
          <strong data-testid="meeting-room">{room}</strong>
          <span className="meeting__count">
            {t('meeting.people', { count: participants.length })}
          </span>
        </div>
        <InviteButton
          link={link}
          message={t('meeting.invite.message', { link })}
          label={t('meeting.invite')}
          className="button button--small"
          testId="invite-button"
        />
      </header>
      <ConnectionStatus />
      {mediaFailed && noticeOpen && (
        <button type="button" className="meeting__notice" onClick={() => setNoticeOpen(false)}>
          {t('meeting.mediaFailed')}
        </button>
      )}
      <ConferenceLayout />
      <footer className="meeting__controls">
        <TrackToggle source={Track.Source.Microphone} className="control">
          <span>{t('meeting.microphone')}</span>
        </TrackToggle>
        <TrackToggle source={Track.Source.Camera} className="control">
          <span>{t('meeting.camera')}</span>
        </TrackToggle>
        {canShareScreen && (
          <TrackToggle source={Track.Source.ScreenShare} className="control">
            <span>{t('meeting.screen')}</span>
          </TrackToggle>
        )}
        <button
          type="button"
          className="control control--leave"
          onClick={onLeave}
          data-testid="leave-button"
        >
          <span>{t('meeting.leave')}</span>
        </button>
      </footer>
      <StartAudioButton />
      <RoomAudioRenderer />
    </div>
  );
}
