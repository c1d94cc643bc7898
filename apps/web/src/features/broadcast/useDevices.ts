import { useCallback, useEffect, useRef, useState } from 'react';

export interface DeviceChoice {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  cameraId: string;
  microphoneId: string;
  setCameraId(id: string): void;
  setMicrophoneId(id: string): void;
  /** Lists the devices again (labels appear once the page may use a device). */
  refresh(): void;
}

/** The cameras and microphones of this machine, and the ones chosen here last time (kept per purpose). */
export function useDevices(purpose: 'present' | 'uplink'): DeviceChoice {
  const key = (kind: string) => `bridgepoint.${purpose}.${kind}`;
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCamera] = useState(() => localStorage.getItem(key('camera')) ?? '');
  const [microphoneId, setMicrophone] = useState(() => localStorage.getItem(key('microphone')) ?? '');

  const refresh = useCallback(() => {
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then(setDevices)
      .catch(() => setDevices([]));
  }, []);
  useEffect(() => {
    refresh();
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', refresh);
  }, [refresh]);

  return {
    cameras: devices.filter((d) => d.kind === 'videoinput'),
    microphones: devices.filter((d) => d.kind === 'audioinput'),
    cameraId,
    microphoneId,
    setCameraId: (id) => {
      localStorage.setItem(key('camera'), id);
      setCamera(id);
    },
    setMicrophoneId: (id) => {
      localStorage.setItem(key('microphone'), id);
      setMicrophone(id);
    },
    refresh,
  };
}

/** getUserMedia for the chosen devices (any device when none is chosen or the chosen one is gone). */
export async function openDevices(cameraId: string, microphoneId: string, video: MediaTrackConstraints = {}): Promise<MediaStream> {
  const pick = (id: string) => (id ? { deviceId: { ideal: id } } : {});
  return navigator.mediaDevices.getUserMedia({ video: { ...video, ...pick(cameraId) }, audio: { ...pick(microphoneId), echoCancellation: true } });
}

/**
 * The chosen camera and microphone, open while `enabled`: reopened when the choice changes, stopped when
 * disabled or unmounted. Lists the devices again once open (their labels appear with the permission).
 * A change of device keeps the previous stream until the new one is open (so a publication swaps its
 * tracks instead of stopping); turning off gives null at once.
 */
export function useDeviceStream(devices: DeviceChoice, enabled: boolean, video: MediaTrackConstraints) {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const { cameraId, microphoneId, refresh } = devices;
  const [wasEnabled, setWasEnabled] = useState(enabled);
  if (wasEnabled !== enabled) {
    setWasEnabled(enabled);
    if (!enabled) setStream(null);
  }

  /** The stream being replaced: it keeps running until the new one is open (or the devices are turned off). */
  const retiring = useRef<MediaStream | null>(null);
  const retire = useCallback((next: MediaStream | null) => {
    retiring.current?.getTracks().forEach((tr) => tr.stop());
    retiring.current = next;
  }, []);

  useEffect(() => {
    if (!enabled) {
      retire(null);
      return;
    }
    let opened: MediaStream | null = null;
    let cancelled = false;
    openDevices(cameraId, microphoneId, video)
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((tr) => tr.stop());
        opened = s;
        setError(null);
        setStream(s);
        retire(null);
        refresh();
      })
      .catch((e: Error) => {
        if (cancelled) return;
        retire(null);
        setError(e);
      });
    return () => {
      cancelled = true;
      if (opened) retire(opened);
    };
  }, [enabled, cameraId, microphoneId, video, refresh, retire]);
  // Unmounted: nothing is kept running.
  useEffect(() => () => retire(null), [retire]);

  return { stream, error };
}
