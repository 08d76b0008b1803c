import { useId } from 'react';

interface DeviceSelectProps {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange(deviceId: string): void;
  testId: string;
}

/** A picker for one kind of device; hidden until the browser has named the devices. */
export function DeviceSelect({ label, devices, value, onChange, testId }: DeviceSelectProps) {
  const id = useId();
  if (devices.length === 0) return null;
  return (
    <div className="device-select">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? devices[0]?.deviceId}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        {devices.map((device) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label}
          </option>
        ))}
      </select>
    </div>
  );
}
