import { useEffect, useState } from 'react';

let shared: AudioContext | null = null;
/** One audio context for the page's meters (browsers limit how many a page may open). */
export function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  shared ??= new AudioContext();
  if (shared.state === 'suspended') void shared.resume().catch(() => undefined);
  return shared;
}

/**
 * The loudness of a stream's sound, 0..1 (RMS of the waveform, scaled so speech reaches the upper half),
 * measured with a WebAudio analyser `perSecond` times a second. 0 without a stream or sound track.
 */
export function useAudioLevel(stream: MediaStream | null, perSecond = 10): number {
  const [measured, setMeasured] = useState<{ stream: MediaStream; level: number } | null>(null);
  useEffect(() => {
    const ctx = stream && stream.getAudioTracks().length > 0 ? audioContext() : null;
    if (!ctx || !stream) return;
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      const rms = Math.sqrt(sum / samples.length);
      setMeasured({ stream, level: Math.min(1, rms * 4) });
    }, 1000 / perSecond);
    return () => {
      clearInterval(timer);
      source.disconnect();
      analyser.disconnect();
    };
  }, [stream, perSecond]);
  // A level measured on another stream (or before it went) is not this one's.
  return measured && measured.stream === stream ? measured.level : 0;
}
