import { useCallback, useEffect, useRef, useState } from 'react';
import { audioContext } from '../broadcast/useAudioLevel';

const TONE_HZ = 440;
const TONE_MS = 2000;

/** A 2 s, 440 Hz tone on the page's speakers (a WebAudio oscillator), to check that the room hears the page. */
export function useTestTone() {
  const [playing, setPlaying] = useState(false);
  const current = useRef<OscillatorNode | null>(null);

  const play = useCallback(() => {
    const ctx = audioContext();
    if (!ctx || current.current) return;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.frequency.value = TONE_HZ;
    // Fades in and out: no click at either end.
    const start = ctx.currentTime;
    const end = start + TONE_MS / 1000;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.25, start + 0.05);
    gain.gain.setValueAtTime(0.25, end - 0.1);
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.onended = () => {
      oscillator.disconnect();
      gain.disconnect();
      current.current = null;
      setPlaying(false);
    };
    current.current = oscillator;
    setPlaying(true);
    oscillator.start(start);
    oscillator.stop(end);
  }, []);

  useEffect(() => () => current.current?.stop(), []);
  return { playing, play };
}
