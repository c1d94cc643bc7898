import { useCallback, useEffect, useRef, useState } from 'react';
import { connectMedia, gathered, request, type MediaSocket } from './signaling';

export type PresenterStatus = 'preparing' | 'ready' | 'starting' | 'live' | 'error';

/**
 * The presenter's side: the default camera and microphone, a `/media` connection, and a
 * publication that starts and stops on demand. Everything closes on unmount.
 */
export function usePresenterBroadcast(conferenceId: string, token: string | null) {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [status, setStatus] = useState<PresenterStatus>('preparing');
  const [error, setError] = useState<string | null>(null);
  const socket = useRef<MediaSocket | null>(null);
  const pc = useRef<RTCPeerConnection | null>(null);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    let media: MediaStream | null = null;
    const s = connectMedia(token, conferenceId);
    socket.current = s;
    s.on('media.error', (e) => setError(e.message));
    const ready = new Promise<void>((resolve) => s.once('connect', () => resolve()));
    void (async () => {
      try {
        media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
        if (cancelled) return media.getTracks().forEach((t) => t.stop());
        setStream(media);
        await ready;
        await request(s, 'media.join', {});
        if (!cancelled) setStatus('ready');
      } catch (e) {
        if (!cancelled) {
          setStatus('error');
          setError((e as Error).message);
        }
      }
    })();
    return () => {
      cancelled = true;
      pc.current?.close();
      pc.current = null;
      s.disconnect();
      socket.current = null;
      media?.getTracks().forEach((t) => t.stop());
    };
  }, [conferenceId, token]);

  const start = useCallback(async () => {
    const s = socket.current;
    if (!s || !stream) return;
    setStatus('starting');
    setError(null);
    const peer = new RTCPeerConnection();
    pc.current = peer;
    try {
      for (const track of stream.getTracks()) peer.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      await peer.setLocalDescription(await peer.createOffer());
      await gathered(peer);
      const { sdp } = await request(s, 'media.publish', { sdp: peer.localDescription!.sdp });
      await peer.setRemoteDescription({ type: 'answer', sdp });
      setStatus('live');
    } catch (e) {
      peer.close();
      pc.current = null;
      setStatus('ready');
      setError((e as Error).message);
    }
  }, [stream]);

  const stop = useCallback(async () => {
    pc.current?.close();
    pc.current = null;
    if (socket.current) await request(socket.current, 'media.leave', {}).catch(() => undefined);
    setStatus('ready');
  }, []);

  return { stream, status, error, start, stop };
}
