import type { MediaKind, MediaSource } from '@bridgepoint/contracts';
import type { LinkState, MediaClient, MediaClientFactory, PublishOptions, Publication, Subscription } from './media-client';
import { gathered, request, type MediaSocket } from './signaling';

/** One RTCPeerConnection's life as a publication or subscription. */
class PeerLink {
  state: LinkState = 'connecting';
  private readonly listeners: ((s: LinkState) => void)[] = [];
  private closed = false;

  constructor(
    readonly pc: RTCPeerConnection,
    private readonly onClose: () => Promise<unknown>,
  ) {
    pc.addEventListener('connectionstatechange', () => {
      const next: LinkState = pc.connectionState === 'connected' ? 'connected' : pc.connectionState === 'failed' || pc.connectionState === 'closed' ? 'failed' : 'connecting';
      if (next === this.state || this.closed) return;
      this.state = next;
      for (const l of this.listeners) l(next);
    });
  }

  onState(listener: (s: LinkState) => void) {
    this.listeners.push(listener);
  }

  async stats(): Promise<RTCStatsReport[]> {
    return this.closed ? [] : [await this.pc.getStats()];
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    this.pc.close();
    await this.onClose().catch(() => undefined);
  }
}

/**
 * The werift dialect: each publication and subscription is its own RTCPeerConnection, negotiated
 * with whole SDP over the `/media` socket.
 */
export const createWeriftClient: MediaClientFactory = async (socket: MediaSocket, joined) => {
  const links = new Set<PeerLink>();
  /** The latest link per publication or subscription of a source: the server replaces older ones itself. */
  const latest = new Map<string, PeerLink>();
  /** A link that tells the server when it closes (unless a newer one took its place), and leaves the client's set. */
  const open = (key: string, pc: RTCPeerConnection, onClose: () => Promise<unknown>) => {
    const link: PeerLink = new PeerLink(pc, async () => {
      links.delete(link);
      if (latest.get(key) !== link) return;
      latest.delete(key);
      // A socket that dropped took the server side with it; a queued message would hit the next session.
      if (socket.connected) await onClose();
    });
    links.add(link);
    latest.set(key, link);
    return link;
  };

  const client: MediaClient = {
    joined,

    async publish(source: MediaSource, tracks: MediaStreamTrack[], options: PublishOptions): Promise<Publication> {
      const pc = new RTCPeerConnection();
      const link = open(`publish ${source}`, pc, () => request(socket, 'media.unpublish', { source }));
      try {
        const stream = new MediaStream(tracks);
        for (const t of tracks) {
          const transceiver = pc.addTransceiver(t, { direction: 'sendonly', streams: [stream] });
          if (t.kind === 'video') {
            const params = transceiver.sender.getParameters();
            params.encodings = [{ ...(params.encodings?.[0] ?? {}), maxBitrate: options.maxVideoKbps * 1000 }];
            await transceiver.sender.setParameters(params).catch(() => undefined);
          }
        }
        await pc.setLocalDescription(await pc.createOffer());
        await gathered(pc);
        const { sdp } = await request(socket, 'media.publish', { source, sdp: pc.localDescription!.sdp });
        await pc.setRemoteDescription({ type: 'answer', sdp });
        return Object.assign(link, {
          async replaceTracks(next: MediaStreamTrack[]) {
            const kinds = (list: MediaStreamTrack[]) => list.map((t) => t.kind).sort().join();
            if (kinds(next) !== kinds(tracks)) return false;
            for (const transceiver of pc.getTransceivers()) {
              const track = next.find((t) => t.kind === transceiver.receiver.track.kind);
              if (track && transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
            }
            return true;
          },
        });
      } catch (e) {
        links.delete(link);
        pc.close();
        throw e;
      }
    },

    async subscribe(source: MediaSource, kinds: MediaKind[]): Promise<Subscription> {
      const pc = new RTCPeerConnection();
      const stream = new MediaStream();
      pc.addEventListener('track', (event) => stream.addTrack(event.track));
      const link = open(`subscribe ${source}`, pc, () => request(socket, 'media.unsubscribe', { source }));
      try {
        const { sdp } = await request(socket, 'media.subscribe', { source, kinds });
        await pc.setRemoteDescription({ type: 'offer', sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        await gathered(pc);
        await request(socket, 'media.answer', { source, sdp: pc.localDescription!.sdp });
      } catch (e) {
        links.delete(link);
        pc.close();
        throw e;
      }
      return Object.assign(link, { stream, setLayer: async () => undefined });
    },

    /** The server offers once per subscription; a failed one is opened again rather than restarted. */
    async restartIce() {
      return false;
    },

    close() {
      for (const link of [...links]) void link.close();
    },
  };
  return client;
};
