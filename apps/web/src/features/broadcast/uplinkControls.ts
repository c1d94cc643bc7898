import { useSyncExternalStore } from 'react';

/** A point's switches for what it sends to the host site; shared by the uplink card and the floor banner. */
export interface UplinkControls {
  /** Camera and microphone open and sent. */
  on: boolean;
  camera: boolean;
  microphone: boolean;
  /** The host site muted this point (told by the server; the operator cannot lift it). */
  hostMuted: boolean;
}

const KEYS = { on: 'bridgepoint.uplink.on', camera: 'bridgepoint.uplink.camera', microphone: 'bridgepoint.uplink.microphone' } as const;

function read(): UplinkControls {
  const flag = (key: string, fallback: boolean) => {
    const v = localStorage.getItem(key);
    return v === null ? fallback : v === '1';
  };
  return { on: flag(KEYS.on, false), camera: flag(KEYS.camera, true), microphone: flag(KEYS.microphone, true), hostMuted: false };
}

let state: UplinkControls = read();
const listeners = new Set<() => void>();

/** Changes the switches; the operator's own ones are remembered for the next visit. */
export function setUplinkControls(change: Partial<UplinkControls>) {
  state = { ...state, ...change };
  for (const key of ['on', 'camera', 'microphone'] as const) localStorage.setItem(KEYS[key], state[key] ? '1' : '0');
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUplinkControls(): UplinkControls {
  return useSyncExternalStore(subscribe, () => state);
}

/** The operator wants to be heard: uplink on, microphone on (what the floor banner's one button does). */
export function turnMicrophoneOn() {
  setUplinkControls({ on: true, microphone: true });
}
