// Meeting, a conference room (docs/flows.md#conference-rooms). Lazy-loaded: this module is the
// only way into livekit-client, the components and their styles.
import '@livekit/components-styles';
import './meeting.css';
import { RoomContext } from '@livekit/components-react';
import { Redirect, useLocation } from '../../../lib/router';
import { MessageScreen } from '../../../components/message-screen';
import { Splash } from '../../../components/splash';
import { useI18n } from '../../../lib/i18n';
import { loadMediaChoices, type MediaChoices } from '../../../lib/media-choices';
import { isConferenceRoom } from '../../../lib/room-name';
import { useConference } from '../hooks/use-conference';
import { MediaUnreachable } from './media-unreachable';
import { MeetingError } from './meeting-error';
import { MeetingStage } from './meeting-stage';
import { RetryOrBack } from './retry-or-back';

export default function MeetingPage({ room }: { room: string }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  if (!isConferenceRoom(room)) {
    return (
      <MessageScreen
        title={t('meeting.error.title')}
        testId="meeting-error"
        actions={<RetryOrBack onBack={() => navigate('/')} />}
      >
        <p>{t('meeting.error.badRoom')}</p>
      </MessageScreen>
    );
  }
  const choices = loadMediaChoices();
  // Opened from an invite link: go through Setup first (preview, camera/mic choice), room kept.
  if (!choices) return <Redirect to={`/?room=${encodeURIComponent(room)}`} replace />;
  return <Meeting room={room} choices={choices} />;
}

function Meeting({ room, choices }: { room: string; choices: MediaChoices }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const { state, retry } = useConference(room, choices);
  const back = () => navigate(`/?room=${encodeURIComponent(room)}`);

  return (
    <div className="meeting-page" data-testid="meeting-page" data-state={state.status}>
      {(() => {
        switch (state.status) {
          case 'token':
          case 'connecting':
            return <Splash label={t('meeting.connecting', { room })} />;
          case 'unreachable':
            return <MediaUnreachable url={state.url} onRetry={retry} onBack={back} />;
          case 'failed':
            return <MeetingError error={state.error} onRetry={retry} onBack={back} />;
          case 'disconnected':
            return (
              <MessageScreen
                title={t('meeting.state.disconnected')}
                tone="info"
                testId="meeting-disconnected"
                actions={<RetryOrBack onRetry={retry} onBack={back} />}
              />
            );
          case 'connected':
            return (
              <RoomContext value={state.room}>
                <MeetingStage room={room} mediaFailed={state.mediaFailed} onLeave={back} />
              </RoomContext>
            );
        }
      })()}
    </div>
  );
}
