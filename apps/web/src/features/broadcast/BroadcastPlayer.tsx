import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connectMedia, gathered, request, type MediaSocket } from './signaling';

declare global {
  interface Window {
    /** The player's connection, read by the end-to-end tests for its stats. */
    __bpBroadcastPc?: RTCPeerConnection | null;
  }
}

interface Props {
  conferenceId: string;
  token: string;
}

/** The presenter's broadcast for a point: waits for `media.published`, then plays video with sound. */
export function BroadcastPlayer({ conferenceId, token }: Props) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    const socket: MediaSocket = connectMedia(token, conferenceId);
    let pc: RTCPeerConnection | null = null;
    let attempt = 0;

    const close = () => {
      pc?.close();
      pc = null;
      window.__bpBroadcastPc = null;
      if (video.current) video.current.srcObject = null;
      setPlaying(false);
    };
    const subscribe = async () => {
      const mine = ++attempt;
      close();
      const peer = new RTCPeerConnection();
      pc = peer;
      window.__bpBroadcastPc = peer;
      const stream = new MediaStream();
      peer.ontrack = (event) => {
        stream.addTrack(event.track);
        if (video.current && video.current.srcObject !== stream) {
          video.current.srcObject = stream;
          void video.current.play().catch(() => undefined);
        }
        setPlaying(true);
      };
      try {
        const { sdp } = await request(socket, 'media.subscribe', {});
        if (mine !== attempt) return;
        await peer.setRemoteDescription({ type: 'offer', sdp });
        await peer.setLocalDescription(await peer.createAnswer());
        await gathered(peer);
        if (mine !== attempt) return;
        await request(socket, 'media.answer', { sdp: peer.localDescription!.sdp });
      } catch {
        if (mine === attempt) close();
      }
    };

    socket.on('connect', () => {
      void request(socket, 'media.join', {})
        .then((joined) => (joined.live ? subscribe() : undefined))
        .catch(() => undefined);
    });
    socket.on('media.published', () => void subscribe());
    socket.on('media.unpublished', () => {
      attempt++;
      close();
    });
    socket.on('disconnect', () => {
      attempt++;
      close();
    });
    return () => {
      attempt++;
      close();
      socket.disconnect();
    };
  }, [conferenceId, token]);

  return (
    <section className="card broadcast-player" data-testid="broadcast-player" data-state={playing ? 'playing' : 'idle'}>
      <video ref={video} autoPlay playsInline controls={playing} hidden={!playing} style={{ width: '100%' }} />
      {!playing && <p className="muted">{t('broadcast.noSignal')}</p>}
    </section>
  );
}
