// Which camera and microphone: shown only once the browser has named the devices (after the
// user allowed them), so a small chunk of its own rather than part of Setup's first load.
import { useI18n } from '../../../lib/i18n';
import { useDevices } from '../hooks/use-devices';
import { deviceIdOf, type TrackState } from '../hooks/use-media-track';
import { DeviceSelect } from './device-select';

interface DevicePickersProps {
  camera: TrackState;
  mic: TrackState;
  /** The devices picked, while their tracks are not live. */
  videoDeviceId: string | undefined;
  audioDeviceId: string | undefined;
  onVideoDevice(deviceId: string): void;
  onAudioDevice(deviceId: string): void;
}

export default function DevicePickers(props: DevicePickersProps) {
  const { camera, mic } = props;
  const { t } = useI18n();
  const devices = useDevices(`${camera.status}/${mic.status}`);
  const cameraDevices = camera.status === 'off' ? [] : devices.video;
  const micDevices = mic.status === 'off' ? [] : devices.audio;
  if (cameraDevices.length === 0 && micDevices.length === 0) return null;
  return (
    <section className="card" aria-label={t('setup.devices')}>
      <DeviceSelect
        label={t('setup.camera')}
        devices={cameraDevices}
        value={deviceIdOf(camera) ?? props.videoDeviceId}
        onChange={props.onVideoDevice}
        testId="camera-select"
      />
      <DeviceSelect
        label={t('setup.microphone')}
        devices={micDevices}
        value={deviceIdOf(mic) ?? props.audioDeviceId}
        onChange={props.onAudioDevice}
        testId="mic-select"
      />
    </section>
  );
}
