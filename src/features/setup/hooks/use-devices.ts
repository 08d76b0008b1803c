// Cameras and microphones for the device pickers. Labels only appear once permission is granted,
// so the list is read again whenever a track goes live (`refreshKey`) and on devicechange.
import { useEffect, useState } from 'react';

export interface Devices {
  video: MediaDeviceInfo[];
  audio: MediaDeviceInfo[];
}

export function useDevices(refreshKey: unknown): Devices {
  const [devices, setDevices] = useState<Devices>({ video: [], audio: [] });

  useEffect(() => {
    const mediaDevices = navigator.mediaDevices;
    if (typeof mediaDevices?.enumerateDevices !== 'function') return;
    let cancelled = false;
    const read = () =>
      mediaDevices.enumerateDevices().then((all) => {
        if (cancelled) return;
        const named = all.filter((d) => d.deviceId && d.label);
        setDevices({
          video: named.filter((d) => d.kind === 'videoinput'),
          audio: named.filter((d) => d.kind === 'audioinput'),
        });
      });
    void read();
    mediaDevices.addEventListener('devicechange', read);
    return () => {
      cancelled = true;
      mediaDevices.removeEventListener('devicechange', read);
    };
  }, [refreshKey]);

  return devices;
}
