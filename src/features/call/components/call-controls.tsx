import { TrackToggle, useMediaDeviceSelect } from '@livekit/components-react';
import { supportsAudioOutputSelection, Track, type LocalVideoTrack } from 'livekit-client';
import type { ReactNode } from 'react';
import { FlipCameraIcon, SpeakerIcon } from '../../../components/call-icons';
import type { CallMedia } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';

// Screen capture exists on desktop browsers only; phones and LINE's web view have no getDisplayMedia.
const canShareScreen = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
// setSinkId: Chrome and Firefox on desktop, recent Android Chrome; never iOS.
const canPickOutput = supportsAudioOutputSelection();

/** Mic, camera, flip, speaker, screen: each only where it can work. Needs a connected room. */
export function CallControls({
  media,
  camera,
}: {
  media: CallMedia;
  camera: LocalVideoTrack | null;
}) {
  const { t } = useI18n();
  const video = media === 'video';
  return (
    <div className="call__toggles">
      <TrackToggle source={Track.Source.Microphone} className="call-control">
        <span>{t('meeting.microphone')}</span>
      </TrackToggle>
      {video && (
        <TrackToggle source={Track.Source.Camera} className="call-control">
          <span>{t('meeting.camera')}</span>
        </TrackToggle>
      )}
      {video && camera && (
        <NextDeviceButton
          kind="videoinput"
          track={camera}
          label={t('call.flip')}
          icon={<FlipCameraIcon />}
        />
      )}
      {canPickOutput && (
        <NextDeviceButton kind="audiooutput" label={t('call.speaker')} icon={<SpeakerIcon />} />
      )}
      {video && canShareScreen && (
        <TrackToggle source={Track.Source.ScreenShare} className="call-control">
          <span>{t('meeting.screen')}</span>
        </TrackToggle>
      )}
    </div>
  );
}

/**
 * Steps to the next camera (front ⇄ back) or sound output (speaker ⇄ earpiece ⇄ headset); shown
 * only where there is more than one.
 */
function NextDeviceButton({
  kind,
  track,
  label,
  icon,
}: {
  kind: 'videoinput' | 'audiooutput';
  /** The camera being switched, so the active one is known from the start. */
  track?: LocalVideoTrack;
  label: string;
  icon: ReactNode;
}) {
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind, track });
  if (devices.length < 2) return null;
  const index = devices.findIndex((device) => device.deviceId === activeDeviceId);
  const next = devices[(index + 1) % devices.length]!;
  const active = devices[Math.max(0, index)];
  return (
    <button
      type="button"
      className="call-control"
      title={active?.label}
      onClick={() => void setActiveMediaDevice(next.deviceId)}
      data-testid={`next-${kind}`}
    >
      {icon}
      <span>{label}</span>
    </button>
  );
}
