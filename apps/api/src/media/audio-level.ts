/**
 * Audio levels from RTP, for the embedded engine: the client-to-mixer audio level header extension
 * (RFC 6464) that browsers put on every Opus packet. One byte: V (voice activity) then the level in
 * -dBov, 0 (loudest) to 127 (silence).
 */
export const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';

/** The extension id the offer gave the audio level, or null when the offerer does not send it. */
export function audioLevelId(sdp: string): number | null {
  const m = /^a=extmap:(\d+)(?:\/\w+)? urn:ietf:params:rtp-hdrext:ssrc-audio-level\s*$/m.exec(sdp);
  return m ? Number(m[1]) : null;
}

/** -dBov of one packet's extension payload, or null when it is malformed. */
export function dBovOf(payload: Buffer | undefined): number | null {
  if (!payload || payload.length < 1) return null;
  return payload[0] & 0x7f;
}

/** Quieter than this is silence (room noise, a muted microphone sends 127). */
export const SILENCE_DBOV = 70;

/** Loudness 0..1 from -dBov: linear over the useful range (silence at 70 dB below full scale). */
export function loudness(dBov: number): number {
  return Math.max(0, Math.min(1, (SILENCE_DBOV - dBov) / SILENCE_DBOV));
}

/**
 * One source's sound as the server hears it: when the last packet with sound arrived, and a level that
 * rises at once and falls over about a second (a meter's ballistics).
 */
export class AudioMeter {
  private lastPacketAt = 0;
  private lastSoundAt = 0;
  private level = 0;
  private levelAt = 0;

  /** A packet arrived; `dBov` when it carried the level, null when it did not. */
  packet(dBov: number | null, now = Date.now()) {
    this.lastPacketAt = now;
    if (dBov === null) {
      this.lastSoundAt = now;
      return;
    }
    const value = loudness(dBov);
    if (value > 0) this.lastSoundAt = now;
    const decayed = this.decayed(now);
    this.level = Math.max(value, decayed);
    this.levelAt = now;
  }

  /** Packets with sound (or of unknown level) arrived within `freshMs`. */
  hasSound(freshMs: number, now = Date.now()): boolean {
    return now - this.lastSoundAt <= freshMs && now - this.lastPacketAt <= freshMs;
  }

  /** The meter's level now, 0 once packets stop. */
  current(freshMs: number, now = Date.now()): number {
    if (now - this.lastPacketAt > freshMs) return 0;
    return this.decayed(now);
  }

  private decayed(now: number) {
    const elapsed = Math.max(0, now - this.levelAt);
    return this.level * Math.pow(0.5, elapsed / 300);
  }
}
