import { useTranslation } from 'react-i18next';
import type { DeviceChoice } from './useDevices';

/** Two selects: camera and microphone. */
export function DevicePicker({ devices, disabled }: { devices: DeviceChoice; disabled?: boolean }) {
  const { t } = useTranslation();
  const options = (list: MediaDeviceInfo[], fallback: string) => [
    <option key="" value="">
      {fallback}
    </option>,
    ...list.map((d, i) => (
      <option key={d.deviceId || i} value={d.deviceId}>
        {d.label || `${fallback} ${i + 1}`}
      </option>
    )),
  ];
  return (
    <div className="device-picker">
      <label>
        {t('media.camera')}
        <select value={devices.cameraId} disabled={disabled} onChange={(e) => devices.setCameraId(e.target.value)} data-testid="camera-select">
          {options(devices.cameras, t('media.defaultCamera'))}
        </select>
      </label>
      <label>
        {t('media.microphone')}
        <select
          value={devices.microphoneId}
          disabled={disabled}
          onChange={(e) => devices.setMicrophoneId(e.target.value)}
          data-testid="microphone-select"
        >
          {options(devices.microphones, t('media.defaultMicrophone'))}
        </select>
      </label>
    </div>
  );
}
