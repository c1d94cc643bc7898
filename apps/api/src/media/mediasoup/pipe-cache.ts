/** Pipes a producer into another router; resolves with what the target router then holds. */
export type PipeFn<T> = (producerId: string, routerId: string) => Promise<T>;

interface Entry<T> {
  producerId: string;
  routerId: string;
  pipe: Promise<T>;
}

/**
 * One pipe per producer × target router. Concurrent requests for the same pair share one attempt; a
 * failed attempt is forgotten so the next request tries again; an entry goes when its producer or its
 * target router closes (or the caller says the piped copy closed).
 */
export class PipeCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly byProducer = new Map<string, Set<string>>();
  private readonly byRouter = new Map<string, Set<string>>();

  constructor(private readonly pipeFn: PipeFn<T>) {}

  get size(): number {
    return this.entries.size;
  }

  has(producerId: string, routerId: string): boolean {
    return this.entries.has(key(producerId, routerId));
  }

  pipe(producerId: string, routerId: string): Promise<T> {
    const k = key(producerId, routerId);
    const existing = this.entries.get(k);
    if (existing) return existing.pipe;

    const entry: Entry<T> = { producerId, routerId, pipe: Promise.resolve().then(() => this.pipeFn(producerId, routerId)) };
    this.entries.set(k, entry);
    index(this.byProducer, producerId, k);
    index(this.byRouter, routerId, k);
    entry.pipe.catch(() => {
      if (this.entries.get(k) === entry) this.drop(k);
    });
    return entry.pipe;
  }

  /** The piped copy closed (e.g. its pipe transport went): the next request pipes again. */
  delete(producerId: string, routerId: string) {
    this.drop(key(producerId, routerId));
  }

  producerClosed(producerId: string) {
    for (const k of [...(this.byProducer.get(producerId) ?? [])]) this.drop(k);
  }

  routerClosed(routerId: string) {
    for (const k of [...(this.byRouter.get(routerId) ?? [])]) this.drop(k);
  }

  private drop(k: string) {
    const entry = this.entries.get(k);
    if (!entry) return;
    this.entries.delete(k);
    unindex(this.byProducer, entry.producerId, k);
    unindex(this.byRouter, entry.routerId, k);
  }
}

const key = (producerId: string, routerId: string) => `${producerId}\u0000${routerId}`;

function index(map: Map<string, Set<string>>, id: string, k: string) {
  let set = map.get(id);
  if (!set) map.set(id, (set = new Set()));
  set.add(k);
}

function unindex(map: Map<string, Set<string>>, id: string, k: string) {
  const set = map.get(id);
  if (!set) return;
  set.delete(k);
  if (set.size === 0) map.delete(id);
}
