import { useSyncExternalStore } from 'react';

/** A point's switches for what it sends to the host site; shared by the uplink card and the floor banner. */
export interface UplinkControls {
  /** Camera and microphone open and sent. */
  on: boolean;
  camera: boolean;
  microphone: boolean;
  /** Push-to-talk: the microphone is open only while `talking` (a held button or the space bar). */
  pushToTalk: boolean;
  talking: boolean;
  /** The host site muted this point (told by the server; the operator cannot lift it). */
  hostMuted: boolean;
}

const KEYS = {
  on: 'bridgepoint.uplink.on',
  camera: 'bridgepoint.uplink.camera',
  microphone: 'bridgepoint.uplink.microphone',
  pushToTalk: 'bridgepoint.uplink.pushToTalk',
} as const;

function read(): UplinkControls {
  const flag = (key: string, fallback: boolean) => {
    const v = localStorage.getItem(key);
    return v === null ? fallback : v === '1';
  };
  return {
    on: flag(KEYS.on, false),
    camera: flag(KEYS.camera, true),
    microphone: flag(KEYS.microphone, true),
    pushToTalk: flag(KEYS.pushToTalk, false),
    talking: false,
    hostMuted: false,
  };
}

let state: UplinkControls = read();
const listeners = new Set<() => void>();

/** Changes the switches; the operator's own ones are remembered for the next visit. */
export function setUplinkControls(change: Partial<UplinkControls>) {
  state = { ...state, ...change };
  for (const key of ['on', 'camera', 'microphone', 'pushToTalk'] as const) localStorage.setItem(KEYS[key], state[key] ? '1' : '0');
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUplinkControls(): UplinkControls {
  return useSyncExternalStore(subscribe, () => state);
}

/** Whether the microphone is open by the operator's own switches (push-to-talk: while held). */
export function microphoneOpen(c: UplinkControls): boolean {
  return c.pushToTalk ? c.talking : c.microphone;
}

/** The operator wants to be heard: uplink on, microphone on and open (what the floor banner's one button does). */
export function turnMicrophoneOn() {
  setUplinkControls({ on: true, microphone: true, pushToTalk: false });
}
