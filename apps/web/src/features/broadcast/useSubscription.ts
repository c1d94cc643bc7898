import { useEffect, useRef, useState } from 'react';
import type { MediaKind, MediaSource } from '@bridgepoint/contracts';
import type { LinkState, MediaClient, Subscription } from './media-client';

declare global {
  interface Window {
    /** Open subscriptions by source, read by the end-to-end tests for their stats. */
    __bpSubscriptions?: Map<MediaSource, Subscription>;
  }
}

/** A connection that is not connected for this long (after trying ICE restart) is opened again. */
const STALL_MS = 8000;
const RETRY_MS = [1000, 2000, 4000, 8000];

export interface SubscriptionState {
  stream: MediaStream | null;
  state: LinkState | 'idle';
  subscription: Subscription | null;
  /** Why the last attempt was refused (e.g. MEDIA_FULL), until one succeeds. */
  error: Error | null;
}

const IDLE: SubscriptionState = { stream: null, state: 'idle', subscription: null, error: null };

/**
 * Receives a source while it is sending (`version` set) and wanted. A connection that fails or stalls first
 * tries an ICE restart where the engine has one, then is opened again with growing pauses.
 */
export function useSubscription(
  client: MediaClient | null,
  source: MediaSource | null,
  kinds: MediaKind[],
  /** The source's announcement count (see `MediaSession.live`); undefined while it is not sending. */
  version: number | undefined,
  layer?: number,
) {
  const active = version !== undefined;
  const [state, setState] = useState<SubscriptionState>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const failures = useRef(0);
  const kindsKey = kinds.join(',');

  // New inputs: nothing is received until the new subscription opens (React's "adjust state when props change").
  const [inputs, setInputs] = useState({ client, source, version });
  if (inputs.client !== client || inputs.source !== source || inputs.version !== version) {
    setInputs({ client, source, version });
    setState(IDLE);
  }

  useEffect(() => {
    if (!client || !source || !active) return;
    let cancelled = false;
    let subscription: Subscription | null = null;
    let stall: ReturnType<typeof setTimeout> | null = null;
    const retry = () => {
      if (cancelled) return;
      cancelled = true;
      const wait = RETRY_MS[Math.min(failures.current++, RETRY_MS.length - 1)];
      setTimeout(() => setAttempt((a) => a + 1), wait);
    };
    const watch = (s: LinkState) => {
      if (stall) clearTimeout(stall);
      stall = null;
      if (cancelled) return;
      setState((prev) => ({ ...prev, state: s }));
      if (s === 'connected') {
        failures.current = 0;
        return;
      }
      stall = setTimeout(
        () =>
          void client.restartIce().then((restarted) => {
            if (!restarted) return retry();
            stall = setTimeout(() => subscription?.state !== 'connected' && retry(), STALL_MS);
          }),
        s === 'failed' ? 0 : STALL_MS,
      );
    };
    void client
      .subscribe(source, kindsKey.split(',') as MediaKind[])
      .then(async (sub) => {
        if (cancelled) return sub.close();
        subscription = sub;
        (window.__bpSubscriptions ??= new Map()).set(source, sub);
        if (layer !== undefined) await sub.setLayer(layer).catch(() => undefined);
        setState({ stream: sub.stream, state: sub.state, subscription: sub, error: null });
        sub.onState(watch);
        watch(sub.state);
      })
      .catch((e: Error) => {
        if (!cancelled) setState((prev) => ({ ...prev, error: e }));
        retry();
      });
    return () => {
      cancelled = true;
      if (stall) clearTimeout(stall);
      if (subscription && window.__bpSubscriptions?.get(source) === subscription) window.__bpSubscriptions.delete(source);
      void subscription?.close();
    };
    // `attempt` re-runs the subscription after a failure.
  }, [client, source, kindsKey, active, version, layer, attempt]);

  return state;
}
