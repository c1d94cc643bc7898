import { Inject, Injectable } from '@nestjs/common';
import { pointSource, type MediaDevicesReport, type MediaUplinkState } from '@bridgepoint/contracts';
import { MEDIA_ENGINE, type MediaEngine } from './media-engine';

interface Switches {
  camera: boolean;
  microphone: boolean;
  hostMuted: boolean;
}

const DEFAULT: Switches = { camera: true, microphone: true, hostMuted: false };
/** Levels are sent in steps of this much (a meter does not need more, and fewer changes go out). */
const LEVEL_STEP = 0.05;

/**
 * Each point's uplink as the host site sees it: the operator's switches, the host site's mute (held
 * here and applied to every publication of the point), and what the engine hears. `refresh` says which
 * points changed since it was last asked, so the gateway sends only those.
 */
@Injectable()
export class UplinkBoard {
  private readonly switches = new Map<string, Map<string, Switches>>();
  /** What was last sent per conference and point (JSON), to send only changes. */
  private readonly sent = new Map<string, Map<string, string>>();

  constructor(@Inject(MEDIA_ENGINE) private readonly engine: MediaEngine) {}

  state(conferenceId: string, pointId: string): MediaUplinkState {
    const s = this.switches.get(conferenceId)?.get(pointId) ?? DEFAULT;
    const source = pointSource(pointId);
    const live = this.engine.isLive(conferenceId, source);
    const reading = live ? this.engine.audioOf(conferenceId, source) : { sound: false, level: null };
    const level = reading.level === null ? null : Math.round(reading.level / LEVEL_STEP) * LEVEL_STEP;
    return { pointId, live, camera: s.camera, microphone: s.microphone, hostMuted: s.hostMuted, audio: reading.sound, level };
  }

  /** Points with a live uplink or switches set: the others are off with their defaults. */
  known(conferenceId: string): string[] {
    const ids = new Set(this.switches.get(conferenceId)?.keys() ?? []);
    for (const source of this.engine.liveSources(conferenceId)) if (source.startsWith('point:')) ids.add(source.slice('point:'.length));
    return [...ids];
  }

  all(conferenceId: string): MediaUplinkState[] {
    return this.known(conferenceId).map((p) => this.state(conferenceId, p));
  }

  isHostMuted(conferenceId: string, pointId: string): boolean {
    return this.switches.get(conferenceId)?.get(pointId)?.hostMuted ?? false;
  }

  setDevices(conferenceId: string, pointId: string, report: MediaDevicesReport) {
    this.update(conferenceId, pointId, { camera: report.camera, microphone: report.microphone });
  }

  /** The host site mutes or unmutes the point: its publication now, and any later one. */
  async setHostMuted(conferenceId: string, pointId: string, muted: boolean): Promise<void> {
    this.update(conferenceId, pointId, { hostMuted: muted });
    await this.engine.pauseAudio(conferenceId, pointSource(pointId), muted);
  }

  /** A new publication of the point: the host site's mute holds for it too. */
  async published(conferenceId: string, pointId: string): Promise<void> {
    if (this.isHostMuted(conferenceId, pointId)) await this.engine.pauseAudio(conferenceId, pointSource(pointId), true);
  }

  /** The states that differ from what was last sent (every known point is compared). */
  changes(conferenceId: string): MediaUplinkState[] {
    let sent = this.sent.get(conferenceId);
    if (!sent) this.sent.set(conferenceId, (sent = new Map()));
    const out: MediaUplinkState[] = [];
    const known = new Set(this.known(conferenceId));
    // Points that were sent as live and are now unknown changed too (they went off).
    for (const pointId of sent.keys()) known.add(pointId);
    for (const pointId of known) {
      const state = this.state(conferenceId, pointId);
      const json = JSON.stringify(state);
      if (sent.get(pointId) === json) continue;
      sent.set(pointId, json);
      out.push(state);
    }
    return out;
  }

  /** Nobody watches this conference here any more; the host site's mutes are kept. */
  forgetSent(conferenceId: string) {
    this.sent.delete(conferenceId);
  }

  private update(conferenceId: string, pointId: string, change: Partial<Switches>) {
    let points = this.switches.get(conferenceId);
    if (!points) this.switches.set(conferenceId, (points = new Map()));
    points.set(pointId, { ...(points.get(pointId) ?? DEFAULT), ...change });
  }
}
