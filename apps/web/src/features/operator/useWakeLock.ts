import { ConferenceStatus, type ConferenceDto } from '@bridgepoint/contracts';
import { useEffect, useState } from 'react';

/** What the page knows about the screen lock: `data-wake-lock` on the operator page carries it. */
export type WakeLockState = 'off' | 'held' | 'unsupported' | 'refused';

/** Keep the screen on while the conference is live, rehearsing or takes place today (the operator's phone must not sleep). */
export function keepAwakeFor(conference: Pick<ConferenceDto, 'status' | 'startsAt'> | undefined, now = new Date()): boolean {
  if (!conference) return false;
  if (conference.status === ConferenceStatus.Live || conference.status === ConferenceStatus.Rehearsal) return true;
  if (conference.status !== ConferenceStatus.Scheduled) return false;
  return new Date(conference.startsAt).toDateString() === now.toDateString();
}

/**
 * Holds a screen wake lock while `active`. The browser drops the lock whenever the page is hidden, so it is
 * asked for again when the page becomes visible. Where the API is missing (or refused), nothing happens.
 */
export function useWakeLock(active: boolean): WakeLockState {
  const supported = typeof navigator !== 'undefined' && 'wakeLock' in navigator;
  const [state, setState] = useState<WakeLockState>(supported ? 'off' : 'unsupported');

  useEffect(() => {
    if (!supported || !active) return;
    let sentinel: WakeLockSentinel | null = null;
    let stopped = false;
    const acquire = async () => {
      if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        const next = await navigator.wakeLock.request('screen');
        if (stopped) {
          void next.release();
          return;
        }
        sentinel = next;
        setState('held');
        next.addEventListener('release', () => {
          if (!stopped) setState('off');
        });
      } catch {
        // Refused (battery saver, no user permission, a hidden page): the page works the same, only the screen may sleep.
        if (!stopped) setState('refused');
      }
    };
    const onVisibility = () => void acquire();
    void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release().catch(() => undefined);
      setState('off');
    };
  }, [active, supported]);

  return state;
}
