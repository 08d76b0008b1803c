// Browsers block sound until a tap; LiveKit's StartAudio shows only while they do. Needs a
// RoomContext, so only the lazy media routes import this.
import { StartAudio } from '@livekit/components-react';
import { useI18n } from '../lib/i18n';
import './start-audio-button.css';

export function StartAudioButton() {
  const { t } = useI18n();
  return <StartAudio label={t('meeting.startAudio')} className="start-audio" />;
}
