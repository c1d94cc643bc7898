import { AudioMeter, audioLevelId, dBovOf, loudness } from './audio-level';

describe('audio levels from RTP (RFC 6464)', () => {
  it('finds the extension id the negotiation gave the audio level', () => {
    const sdp = ['v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid', 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level', ''].join('\r\n');
    expect(audioLevelId(sdp)).toBe(1);
    expect(audioLevelId('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n')).toBeNull();
  });

  it('reads -dBov from the extension byte (the voice bit aside) and scales it to 0..1', () => {
    expect(dBovOf(Buffer.from([0x80 | 20]))).toBe(20);
    expect(dBovOf(Buffer.from([127]))).toBe(127);
    expect(dBovOf(Buffer.alloc(0))).toBeNull();
    expect(loudness(0)).toBe(1);
    expect(loudness(127)).toBe(0);
    expect(loudness(35)).toBeCloseTo(0.5);
  });

  it('hears sound while loud packets arrive, and silence when they are quiet or stop', () => {
    const meter = new AudioMeter();
    meter.packet(20, 1000);
    expect(meter.hasSound(1500, 1100)).toBe(true);
    expect(meter.current(1500, 1000)).toBeCloseTo(loudness(20));
    // The meter falls over time (half every 300 ms) and drops to 0 once packets stop.
    expect(meter.current(1500, 1300)).toBeCloseTo(loudness(20) / 2);
    expect(meter.current(1500, 3000)).toBe(0);
    // A muted microphone sends packets at 127 -dBov: packets, but no sound.
    for (let t = 4000; t < 6000; t += 20) meter.packet(127, t);
    expect(meter.hasSound(1500, 6000)).toBe(false);
    // Without the extension every packet counts as sound (the level is unknown).
    const blind = new AudioMeter();
    blind.packet(null, 1000);
    expect(blind.hasSound(1500, 1200)).toBe(true);
  });
});
