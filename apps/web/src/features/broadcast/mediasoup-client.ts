import type { MediaJoined, MediaKind, MediaSource, MediaTransportOptions } from '@bridgepoint/contracts';
import { Device, type types } from 'mediasoup-client';
import type { LinkState, MediaClient, MediaClientFactory, Publication, PublishOptions, Subscription } from './media-client';
import { request, type MediaSocket } from './signaling';

type Direction = 'send' | 'recv';

/** Top simulcast layer gets the full cap; the half- and quarter-resolution layers get these shares of it. */
const SIMULCAST = [
  { scaleResolutionDownBy: 4, share: 0.15 },
  { scaleResolutionDownBy: 2, share: 0.4 },
  { scaleResolutionDownBy: 1, share: 1 },
];

export function encodingsFor(kind: string, options: PublishOptions): types.RtpEncodingParameters[] | undefined {
  if (kind !== 'video') return undefined;
  const max = options.maxVideoKbps * 1000;
  if (!options.simulcast) return [{ maxBitrate: max }];
  return SIMULCAST.map(({ scaleResolutionDownBy, share }) => ({ scaleResolutionDownBy, maxBitrate: Math.round(max * share) }));
}

function linkState(state: types.ConnectionState): LinkState {
  if (state === 'connected') return 'connected';
  return state === 'failed' || state === 'closed' ? 'failed' : 'connecting';
}

/** One mediasoup-client transport and the state its publications or subscriptions show. */
class TrackedTransport {
  state: LinkState = 'connecting';
  private readonly listeners = new Set<(s: LinkState) => void>();

  constructor(readonly transport: types.Transport) {
    transport.on('connectionstatechange', (s) => this.set(linkState(s)));
  }

  get usable(): boolean {
    return !this.transport.closed && this.transport.connectionState !== 'failed';
  }

  listen(listener: (s: LinkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close() {
    if (!this.transport.closed) this.transport.close();
    this.set('failed');
  }

  private set(state: LinkState) {
    if (state === this.state) return;
    this.state = state;
    for (const l of [...this.listeners]) l(state);
  }
}

/** A publication's producers or a subscription's consumers, following their transport's state. */
class Link {
  private readonly listeners: ((s: LinkState) => void)[] = [];
  private readonly unlisten: () => void;
  private closed = false;

  constructor(
    readonly source: MediaSource,
    private readonly on: TrackedTransport,
    private readonly parts: (types.Producer | types.Consumer)[],
    private readonly tell: () => Promise<unknown>,
    private readonly forget: (link: Link) => void,
  ) {
    this.unlisten = on.listen((s) => {
      if (!this.closed) for (const l of this.listeners) l(s);
    });
  }

  get state(): LinkState {
    return this.closed ? 'failed' : this.on.state;
  }

  onState(listener: (s: LinkState) => void) {
    this.listeners.push(listener);
  }

  async stats(): Promise<RTCStatsReport[]> {
    if (this.closed) return [];
    return Promise.all(this.parts.filter((p) => !p.closed).map((p) => p.getStats()));
  }

  /** A publication's producers send these tracks instead (one per kind it publishes); false when the kinds differ. */
  async replaceTracks(tracks: MediaStreamTrack[]): Promise<boolean> {
    const producers = this.parts.filter((p): p is types.Producer => 'replaceTrack' in p);
    if (this.closed || producers.length !== tracks.length) return false;
    const pairs = producers.map((p) => [p, tracks.find((t) => t.kind === p.kind)] as const);
    if (pairs.some(([, t]) => !t)) return false;
    for (const [producer, track] of pairs) if (producer.track !== track) await producer.replaceTrack({ track: track! });
    return true;
  }

  /** Closes locally; `silent` leaves the server alone (it already dropped its side, or will in one go). */
  async close(silent = false) {
    if (this.closed) return;
    this.closed = true;
    this.unlisten();
    this.forget(this);
    for (const p of this.parts) p.close();
    if (!silent) await this.tell().catch(() => undefined);
  }
}

class MediasoupSubscription extends Link implements Subscription {
  constructor(
    source: MediaSource,
    on: TrackedTransport,
    private readonly consumers: types.Consumer[],
    readonly stream: MediaStream,
    private readonly socket: MediaSocket,
    tell: () => Promise<unknown>,
    forget: (link: Link) => void,
  ) {
    super(source, on, consumers, tell, forget);
  }

  async setLayer(spatialLayer: number) {
    for (const c of this.consumers) {
      if (c.kind === 'video' && !c.closed) await request(this.socket, 'media.layers', { consumerId: c.id, spatialLayer });
    }
  }
}

/**
 * The mediasoup dialect: one send transport (opened on the first publication) and one receive transport
 * (on the first subscription); each publication is producers on the first, each subscription consumers
 * on the second, resumed by the server once they are attached here.
 */
class MediasoupClient implements MediaClient {
  private readonly transports = new Map<Direction, Promise<TrackedTransport>>();
  private readonly publications = new Map<MediaSource, Link>();
  private readonly subscriptions = new Map<MediaSource, Link>();
  /** The latest publish or subscribe per source: an older one that closes late must not undo it on the server. */
  private readonly latest = new Map<string, symbol>();
  private closed = false;

  constructor(
    private readonly socket: MediaSocket,
    readonly joined: MediaJoined,
    private readonly device: Device,
  ) {}

  async publish(source: MediaSource, tracks: MediaStreamTrack[], options: PublishOptions): Promise<Publication> {
    const mine = this.claim(`publish ${source}`);
    await this.publications.get(source)?.close();
    const on = await this.transport('send');
    const producers: types.Producer[] = [];
    try {
      for (const track of tracks) {
        producers.push(
          await on.transport.produce({ track, encodings: encodingsFor(track.kind, options), stopTracks: false, appData: { source } }),
        );
      }
    } catch (e) {
      for (const p of producers) p.close();
      if (producers.length > 0 && this.holds(`publish ${source}`, mine)) await this.tell('media.unpublish', source);
      throw e;
    }
    const untell = () => (this.holds(`publish ${source}`, mine) ? this.tell('media.unpublish', source) : Promise.resolve());
    const link = new Link(source, on, producers, untell, (l) => forget(this.publications, l));
    this.publications.set(source, link);
    return link;
  }

  async subscribe(source: MediaSource, kinds: MediaKind[]): Promise<Subscription> {
    const mine = this.claim(`subscribe ${source}`);
    // The server replaces a source's consumers on every `media.consume`: the previous ones are dead.
    await this.subscriptions.get(source)?.close(true);
    const on = await this.transport('recv');
    const { consumers } = await request(this.socket, 'media.consume', {
      source,
      kinds,
      rtpCapabilities: this.device.rtpCapabilities,
    });
    const opened: types.Consumer[] = [];
    try {
      for (const c of consumers) {
        opened.push(
          await on.transport.consume({
            id: c.id,
            producerId: c.producerId,
            kind: c.kind,
            rtpParameters: c.rtpParameters as types.RtpParameters,
            appData: { source },
          }),
        );
      }
      for (const c of opened) await request(this.socket, 'media.resume', { consumerId: c.id });
    } catch (e) {
      for (const c of opened) c.close();
      if (this.holds(`subscribe ${source}`, mine)) await this.tell('media.unsubscribe', source);
      throw e;
    }
    const stream = new MediaStream(opened.map((c) => c.track));
    const link = new MediasoupSubscription(
      source,
      on,
      opened,
      stream,
      this.socket,
      () => (this.holds(`subscribe ${source}`, mine) ? this.tell('media.unsubscribe', source) : Promise.resolve()),
      (l) => forget(this.subscriptions, l),
    );
    this.subscriptions.set(source, link);
    return link;
  }

  async restartIce(): Promise<boolean> {
    if (this.closed || !this.socket.connected) return false;
    const open = (await Promise.allSettled(this.transports.values()))
      .flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
      .filter((t) => !t.transport.closed);
    if (open.length === 0) return false;
    try {
      for (const { transport } of open) {
        if (transport.connectionState === 'connected') continue;
        const { iceParameters } = await request(this.socket, 'media.restartIce', { transportId: transport.id });
        await transport.restartIce({ iceParameters: iceParameters as types.IceParameters });
      }
      return true;
    } catch {
      return false;
    }
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    const had = this.transports.size > 0;
    for (const link of [...this.publications.values(), ...this.subscriptions.values()]) void link.close(true);
    for (const t of this.transports.values()) void t.then((tracked) => tracked.close()).catch(() => undefined);
    this.transports.clear();
    // One message frees everything the server holds for this socket (a dropped socket took it already).
    if (had && this.socket.connected) void request(this.socket, 'media.leave', {}).catch(() => undefined);
  }

  /** The transport of that direction, opened on first use and again after it failed or closed. */
  private async transport(direction: Direction): Promise<TrackedTransport> {
    if (this.closed) throw new Error('This media connection is closed.');
    const current = this.transports.get(direction);
    if (current) {
      const tracked = await current.catch(() => null);
      if (tracked?.usable) return tracked;
      if (this.transports.get(direction) === current) {
        this.transports.delete(direction);
        tracked?.close();
      }
      return this.transport(direction);
    }
    const opening = this.open(direction);
    this.transports.set(direction, opening);
    opening.catch(() => {
      if (this.transports.get(direction) === opening) this.transports.delete(direction);
    });
    return opening;
  }

  private async open(direction: Direction): Promise<TrackedTransport> {
    const options: MediaTransportOptions = await request(this.socket, 'media.transport', { direction });
    const init: types.TransportOptions = {
      id: options.id,
      iceParameters: options.iceParameters as types.IceParameters,
      iceCandidates: options.iceCandidates as types.IceCandidate[],
      dtlsParameters: options.dtlsParameters as types.DtlsParameters,
    };
    const transport = direction === 'send' ? this.device.createSendTransport(init) : this.device.createRecvTransport(init);
    transport.on('connect', ({ dtlsParameters }, ok, fail) => {
      request(this.socket, 'media.connect', { transportId: transport.id, dtlsParameters }).then(() => ok(), fail);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, ok, fail) => {
        const source = String(appData['source']);
        request(this.socket, 'media.produce', { source, transportId: transport.id, kind, rtpParameters }).then(({ producerId }) => ok({ id: producerId }), fail);
      });
    }
    const tracked = new TrackedTransport(transport);
    if (this.closed) {
      tracked.close();
      throw new Error('This media connection is closed.');
    }
    return tracked;
  }

  private claim(key: string): symbol {
    const mine = Symbol(key);
    this.latest.set(key, mine);
    return mine;
  }

  /** Still the latest of its kind for the source; then it is the one to tell the server about. */
  private holds(key: string, mine: symbol): boolean {
    return this.latest.get(key) === mine;
  }

  private tell(event: 'media.unpublish' | 'media.unsubscribe', source: MediaSource): Promise<unknown> {
    // A dropped socket took the server side with it; a queued message would reach the next session.
    if (!this.socket.connected) return Promise.resolve();
    return request(this.socket, event, { source }).catch(() => undefined);
  }
}

function forget(map: Map<MediaSource, Link>, link: Link) {
  if (map.get(link.source) === link) map.delete(link.source);
}

/** Loads a mediasoup-client Device with the routers' capabilities the server sent in `media.join`. */
export const createMediasoupClient: MediaClientFactory = async (socket: MediaSocket, joined: MediaJoined) => {
  if (!joined.routerRtpCapabilities) throw new Error('The server sent no router capabilities for mediasoup.');
  const device = await Device.factory();
  await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as types.RtpCapabilities });
  return new MediasoupClient(socket, joined, device);
};
