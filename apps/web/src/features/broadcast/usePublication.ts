import { useEffect, useRef, useState } from 'react';
import type { MediaSource } from '@bridgepoint/contracts';
import type { LinkState, MediaClient, Publication, PublishOptions } from './media-client';

const RETRY_MS = [1000, 2000, 4000, 8000];
const IDLE: PublicationState = { state: 'idle', publication: null, error: null };
const CONNECTING: PublicationState = { state: 'connecting', publication: null, error: null };

export interface PublicationState {
  state: LinkState | 'idle';
  publication: Publication | null;
  error: Error | null;
}

/**
 * Sends the tracks as `source` while `stream` is set; a publication that fails is sent again, with
 * growing pauses, as long as it is wanted. A new client (after a reconnect) publishes again. A new
 * stream while published (another device, the screen) replaces the tracks in place: receivers keep
 * playing.
 */
export function usePublication(client: MediaClient | null, source: MediaSource | null, stream: MediaStream | null, options: PublishOptions) {
  const [state, setState] = useState<PublicationState>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const { simulcast, maxVideoKbps } = options;
  const wanted = !!client && !!source && !!stream;
  const latest = useRef(stream);
  useEffect(() => {
    latest.current = stream;
  }, [stream]);

  // New inputs: start over from what they imply (React's "adjust state when props change").
  const [inputs, setInputs] = useState({ client, source, wanted });
  if (inputs.client !== client || inputs.source !== source || inputs.wanted !== wanted) {
    setInputs({ client, source, wanted });
    setState(wanted ? CONNECTING : IDLE);
  }

  useEffect(() => {
    const first = latest.current;
    if (!client || !source || !wanted || !first) return;
    let cancelled = false;
    let publication: Publication | null = null;
    const retry = (error: Error | null) => {
      if (cancelled) return;
      cancelled = true;
      setState({ state: 'failed', publication: null, error });
      setTimeout(() => setAttempt((a) => a + 1), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
    };
    client
      .publish(source, first.getTracks(), { simulcast, maxVideoKbps })
      .then((pub) => {
        if (cancelled) return void pub.close();
        publication = pub;
        setState({ state: pub.state, publication: pub, error: null });
        pub.onState((s) => {
          if (cancelled) return;
          if (s === 'failed') retry(null);
          else setState({ state: s, publication: pub, error: null });
        });
      })
      .catch((e: Error) => retry(e));
    return () => {
      cancelled = true;
      void publication?.close();
    };
  }, [client, source, wanted, simulcast, maxVideoKbps, attempt]);

  // The stream changed while published: the same publication sends the new tracks (or publishes again).
  const { publication } = state;
  useEffect(() => {
    if (!publication || !stream) return;
    let cancelled = false;
    void publication
      .replaceTracks(stream.getTracks())
      .catch(() => false)
      .then((ok) => {
        if (!ok && !cancelled) setAttempt((a) => a + 1);
      });
    return () => {
      cancelled = true;
    };
  }, [publication, stream]);

  return state;
}
