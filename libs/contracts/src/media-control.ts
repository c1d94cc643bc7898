/**
 * The host site's hold on the points' sound and pictures (over `/media`): each point's uplink state, the
 * operator's own camera and microphone switches, and the host site muting a point.
 */

/** One point's uplink as the host site sees it. */
export interface MediaUplinkState {
  pointId: string;
  /** Its uplink is publishing to the media server now. */
  live: boolean;
  /** The operator's camera switch (on unless the operator turned it off). */
  camera: boolean;
  /** The operator's microphone switch (on unless the operator muted it). */
  microphone: boolean;
  /** The host site muted this point: the server drops its sound, whatever the operator does. */
  hostMuted: boolean;
  /** Sound from the point reached the server in the last moments (live, not muted, not silent). */
  audio: boolean;
  /** Loudness of the point's sound, 0 (silence) to 1, when the engine measures it; null otherwise. */
  level: number | null;
}

/** What an operator's page says of its switches (`media.devices`). */
export interface MediaDevicesReport {
  camera: boolean;
  microphone: boolean;
}

/** `media.mute`: moderators and organizers mute (or unmute) one point's sound. */
export interface MediaMuteRequest {
  pointId: string;
  muted: boolean;
}

/** A point's uplink counts as sending sound when a packet with sound arrived this recently. */
export const MEDIA_AUDIO_FRESH_MS = 1500;
/** The floor holder's uplink or socket gone this long: the floor is marked interrupted and moderators alerted. */
export const FLOOR_DROP_ALERT_MS = 5000;

/** Live sound: published, not muted by either side, and the server hears it. */
export function hasLiveAudio(state: MediaUplinkState | undefined): boolean {
  return !!state && state.live && state.microphone && !state.hostMuted && state.audio;
}
