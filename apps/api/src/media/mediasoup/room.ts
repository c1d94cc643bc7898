import type { MediaKind, MediaSource } from '@bridgepoint/contracts';
import type { types } from 'mediasoup';

/** A conference's router on one worker. */
export interface RouterEntry {
  readonly index: number;
  readonly worker: types.Worker;
  readonly router: types.Router;
  /** Pipe transports to or from the conference's routers on other workers. */
  pipeTransports: number;
  speaker: Promise<types.ActiveSpeakerObserver> | null;
}

export interface TransportEntry {
  readonly direction: 'send' | 'recv';
  /** WebRTC for browsers; plain RTP (optionally SRTP) for load tools and tests. */
  readonly transport: types.WebRtcTransport | types.PlainTransport;
  readonly at: RouterEntry;
}

export interface ConsumerEntry {
  readonly consumer: types.Consumer;
  readonly source: MediaSource;
  readonly at: RouterEntry;
  /** Spatial layers the producer sends (1 without simulcast). */
  readonly layers: number;
}

export interface Peer {
  readonly id: string;
  send: TransportEntry | null;
  recv: TransportEntry | null;
  readonly consumers: Map<string, ConsumerEntry>;
  /** The latest `consume` call per source: an older one still running gives up its consumers. */
  readonly consuming: Map<MediaSource, symbol>;
  /** Calls under way for this peer; it is kept while any runs. */
  busy: number;
  /** Left while a call was under way: whatever that call opens is closed at once. */
  gone: boolean;
}

/** A source and its producers, which all live on the router of its publisher's send transport. */
export interface Source {
  readonly name: MediaSource;
  readonly peerId: string;
  readonly producers: Map<MediaKind, types.Producer>;
  at: RouterEntry;
  /** Producers being created. */
  pending: number;
}

/** One conference: its routers (at most one per worker), peers and sources. */
export class Room {
  /** Routers by worker index, including those being created. */
  readonly routers = new Map<number, Promise<RouterEntry>>();
  readonly ready = new Map<number, RouterEntry>();
  /** Peers' transports (open or being opened, WebRTC or plain) per worker index; a router nobody uses is closed. */
  readonly users = new Map<number, number>();
  readonly peers = new Map<string, Peer>();
  readonly sources = new Map<MediaSource, Source>();

  constructor(readonly id: string) {}

  use(index: number, delta: number) {
    const n = (this.users.get(index) ?? 0) + delta;
    if (n > 0) this.users.set(index, n);
    else this.users.delete(index);
  }

  peer(id: string): Peer {
    let peer = this.peers.get(id);
    if (!peer) {
      peer = { id, send: null, recv: null, consumers: new Map(), consuming: new Map(), busy: 0, gone: false };
      this.peers.set(id, peer);
    }
    return peer;
  }

  /** Forgets a peer that holds nothing and has nothing under way. */
  release(peer: Peer) {
    if (!peer.send && !peer.recv && peer.consumers.size === 0 && peer.busy === 0 && this.peers.get(peer.id) === peer) {
      this.peers.delete(peer.id);
    }
  }

  /**
   * Closes everything a peer holds. Its sources are removed first, so that their producers closing does
   * not read as sources that ended by themselves; returns those that were live.
   */
  dropPeer(peerId: string): MediaSource[] {
    const sources = [...this.sources.values()].filter((s) => s.peerId === peerId);
    const live = sources.filter((s) => s.producers.size > 0).map((s) => s.name);
    for (const s of sources) this.sources.delete(s.name);
    const peer = this.peers.get(peerId);
    if (peer) {
      peer.gone = true;
      this.peers.delete(peerId);
      for (const c of [...peer.consumers.values()]) c.consumer.close();
      peer.send?.transport.close();
      peer.recv?.transport.close();
    }
    for (const s of sources) for (const p of [...s.producers.values()]) p.close();
    return live;
  }

  /**
   * Forgets what lived on a worker that died: its router, the transports and consumers there and the
   * sources whose producers were there (returned), and names the peers that had a transport there.
   */
  forgetWorker(index: number, dead: types.Worker): { sources: Source[]; peers: string[] } {
    const sources = [...this.sources.values()].filter((s) => s.at.worker === dead);
    for (const s of sources) this.sources.delete(s.name);
    const peers: string[] = [];
    for (const peer of this.peers.values()) {
      for (const [id, c] of [...peer.consumers]) if (c.at.worker === dead) peer.consumers.delete(id);
      if (peer.send?.at.worker === dead || peer.recv?.at.worker === dead) peers.push(peer.id);
      if (peer.send?.at.worker === dead) peer.send = null;
      if (peer.recv?.at.worker === dead) peer.recv = null;
    }
    this.routers.delete(index);
    this.ready.delete(index);
    this.users.delete(index);
    return { sources, peers };
  }

  liveSources(): MediaSource[] {
    return [...this.sources.values()].filter((s) => s.producers.size > 0).map((s) => s.name);
  }

  get empty(): boolean {
    return this.peers.size === 0 && this.sources.size === 0 && this.routers.size === 0;
  }
}
