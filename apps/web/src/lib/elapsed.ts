import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`: for "waiting 2 min 05 s" labels that keep counting. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "45 giây", "3 phút 05 giây", "1 giờ 02 phút"; a clock slightly ahead of the server's reads as 0. */
export function formatElapsed(t: TFunction, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return t('common.elapsed.hours', { h, m: pad(m) });
  if (m > 0) return t('common.elapsed.minutes', { m, s: pad(s) });
  return t('common.elapsed.seconds', { s });
}

/** Milliseconds from `iso` to `now`. */
export function since(iso: string, now: number): number {
  return now - Date.parse(iso);
}
