import { useEffect, useRef } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { LineProfile } from '../../../lib/liff';
import type { TrackState } from '../hooks/use-media-track';
import { useMicLevel } from '../hooks/use-mic-level';

interface MediaPreviewProps {
  camera: TrackState;
  mic: TrackState;
  profile: LineProfile;
  onToggleCamera(): void;
  onToggleMic(): void;
}

export function MediaPreview({
  camera,
  mic,
  profile,
  onToggleCamera,
  onToggleMic,
}: MediaPreviewProps) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const meter = useRef<HTMLDivElement>(null);
  const cameraTrack = camera.status === 'live' ? camera.track : null;
  useMicLevel(mic.status === 'live' ? mic.track : null, meter);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = cameraTrack ? new MediaStream([cameraTrack]) : null;
  }, [cameraTrack]);

  // A device that failed to start looks off: that is what the others will get.
  const cameraOn = camera.status === 'live' || camera.status === 'starting';
  const micOn = mic.status === 'live' || mic.status === 'starting';
  return (
    <div className="preview">
      <video
        ref={video}
        className="preview__video"
        autoPlay
        playsInline
        muted
        hidden={!cameraTrack}
      />
      {!cameraTrack && (
        <div className="preview__placeholder">
          {profile.pictureUrl ? (
            <img className="avatar avatar--large" src={profile.pictureUrl} alt="" />
          ) : (
            <span className="avatar avatar--large" aria-hidden="true">
              {profile.name.slice(0, 1)}
            </span>
          )}
          {camera.status === 'off' && <span>{t('setup.cameraOff')}</span>}
          {camera.status === 'starting' && <span className="spinner spinner--small" />}
        </div>
      )}
      <div className="preview__controls">
        <DeviceToggle
          on={cameraOn}
          label={t('setup.camera')}
          icon={CAMERA_ICON}
          onToggle={onToggleCamera}
          testId="camera-toggle"
        />
        <DeviceToggle
          on={micOn}
          label={t('setup.microphone')}
          icon={MIC_ICON}
          onToggle={onToggleMic}
          testId="mic-toggle"
        />
      </div>
      <div
        ref={meter}
        className="level-meter"
        role="meter"
        aria-label={t('setup.micLevel')}
        hidden={mic.status !== 'live'}
      />
    </div>
  );
}

const CAMERA_ICON =
  'M4 6h10a2 2 0 0 1 2 2v1.5l4-2.5v10l-4-2.5V16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z';
const MIC_ICON =
  'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zm-6 9h2a4 4 0 0 0 8 0h2a6 6 0 0 1-5 5.9V21h-2v-3.1A6 6 0 0 1 6 12z';

interface DeviceToggleProps {
  on: boolean;
  label: string;
  /** The device's icon, an SVG path on a 24×24 grid: struck through while the device is off. */
  icon: string;
  onToggle(): void;
  testId: string;
}

/** The camera's or the mic's round on/off button over the preview. */
function DeviceToggle({ on, label, icon, onToggle, testId }: DeviceToggleProps) {
  return (
    <button
      type="button"
      className={`round-toggle${on ? '' : ' round-toggle--off'}`}
      aria-pressed={on}
      aria-label={label}
      onClick={onToggle}
      data-testid={testId}
    >
      <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
        <path fill="currentColor" d={icon} />
        {!on && <path stroke="currentColor" strokeWidth="2.2" d="M3 3l18 18" />}
      </svg>
    </button>
  );
}
