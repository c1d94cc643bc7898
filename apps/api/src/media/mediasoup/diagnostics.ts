import type { Placement, WorkerCounts } from './placement';
import type { Room } from './room';
import type { WorkerPool } from './worker-pool';

/** What the engine holds open across its rooms: WebRTC and pipe transports, producers, consumers. */
export function roomCounts(rooms: Iterable<Room>): { rooms: number; transports: number; producers: number; consumers: number } {
  let count = 0;
  let transports = 0;
  let producers = 0;
  let consumers = 0;
  for (const room of rooms) {
    count++;
    for (const at of room.ready.values()) transports += at.pipeTransports;
    for (const peer of room.peers.values()) {
      transports += (peer.send ? 1 : 0) + (peer.recv ? 1 : 0);
      consumers += peer.consumers.size;
    }
    for (const src of room.sources.values()) producers += src.producers.size;
  }
  return { rooms: count, transports, producers, consumers };
}

/**
 * Each worker's process, weighted load and what it counts (diagnostics, tests, benchmarks): the peers'
 * transports, producers and consumers there plus the pipe transports, piped producers and pipe consumers.
 */
export function workerLoads(placement: Placement, pool: WorkerPool): ({ index: number; pid: number | null; load: number } & WorkerCounts)[] {
  return placement.loads().map((load, index) => ({ index, pid: pool.slot(index)?.worker.pid ?? null, load, ...placement.countsOf(index) }));
}

/** What the workers themselves hold (leak checks): routers, and WebRTC transports on their servers. */
export function workerDumps(pool: WorkerPool): Promise<{ index: number; routers: number; webRtcTransports: number }[]> {
  return Promise.all(
    pool.current().map(async ({ index, worker, server }) => {
      const [w, s] = await Promise.all([worker.dump(), server.dump()]);
      return { index, routers: w.routerIds.length, webRtcTransports: s.webRtcTransportIds.length };
    }),
  );
}
