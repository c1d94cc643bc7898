import type { Server as HttpServer } from 'node:http';
import { Server as NetServer } from 'node:net';
import { INestApplication, Logger } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import type { Server as IoServer } from 'socket.io';
import { ShutdownState } from './shutdown-state';

/** How long in-flight requests and running jobs get to finish before connections are cut. */
export const DEFAULT_GRACE_MS = 15_000;
/**
 * How long idle keep-alive connections stay open after the listener closed: a request a client sends on
 * one meanwhile is answered (with `Connection: close`) instead of meeting a connection closed under it.
 */
const LINGER_MS = 1000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export interface DrainReport {
  /** HTTP requests in flight when the signal came; all of them were answered unless `cut` > 0. */
  requestsInFlight: number;
  /** Sockets closed so their clients reconnect (to another process). */
  socketsClosed: number;
  workersClosed: number;
  /** Connections still open at the grace deadline, cut. */
  cut: number;
  ms: number;
}

/**
 * What SIGTERM does, in order: readiness turns 503 (a proxy stops routing here); the listening socket
 * closes (new connections go elsewhere) and idle keep-alive connections a second later (a request sent on
 * one meanwhile is answered and closes it); socket.io clients have
 * their transport closed, so they reconnect by themselves (to another process); requests in flight
 * (check-ins included) are answered, each closing its connection; BullMQ workers finish their current
 * job and stop; then the application closes (database and Redis last).
 */
export async function drainAndClose(app: INestApplication, io: IoServer | null, graceMs = DEFAULT_GRACE_MS): Promise<DrainReport> {
  const started = Date.now();
  const state = app.get(ShutdownState);
  state.begin();
  const requestsInFlight = state.requestsInFlight;

  const http = app.getHttpServer() as HttpServer;
  // net's close, not http's: it stops accepting without closing idle keep-alive connections at once.
  const listenerClosed = new Promise<void>((r) => NetServer.prototype.close.call(http, () => r()));

  let socketsClosed = 0;
  if (io) {
    // Closing the transports (not a socket.io "disconnect" from the server, which clients take as final)
    // makes every client reconnect by itself, through the proxy, to a process that still runs.
    socketsClosed = io.engine.clientsCount;
    io.engine.close();
  }

  const deadline = started + graceMs;
  await sleep(Math.min(LINGER_MS, graceMs));
  http.closeIdleConnections();
  await Promise.race([state.requestsDone(), sleep(Math.max(0, deadline - Date.now()))]);
  await Promise.race([listenerClosed, sleep(Math.max(0, Math.min(2000, deadline - Date.now())))]);
  const cut = state.requestsInFlight;
  http.closeAllConnections();

  const workers = app
    .get(DiscoveryService)
    .getProviders()
    .map((w) => w.instance)
    .filter((i): i is WorkerHost => i instanceof WorkerHost)
    .map((host) => {
      try {
        return host.worker;
      } catch {
        return null; // never started (this process has no jobs role)
      }
    })
    .filter((w) => w !== null);
  await Promise.race([Promise.all(workers.map((w) => w.close())), sleep(Math.max(1000, deadline - Date.now()))]);

  await app.close();
  return { requestsInFlight, socketsClosed, workersClosed: workers.length, cut, ms: Date.now() - started };
}

/** Runs `drainAndClose` on SIGTERM or SIGINT, then exits (a second signal exits at once). */
export function exitGracefullyOnSignals(app: INestApplication, io: () => IoServer | null, graceMs = DEFAULT_GRACE_MS) {
  const logger = new Logger('Shutdown');
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    shuttingDown = true;
    const state = app.get(ShutdownState);
    logger.log(`${signal}: draining (${state.requestsInFlight} requests in flight; up to ${graceMs / 1000} s)`);
    drainAndClose(app, io(), graceMs).then(
      (r) => {
        logger.log(
          `Stopped in ${r.ms} ms: ${r.requestsInFlight - r.cut} of ${r.requestsInFlight} requests in flight answered, ` +
            `${r.socketsClosed} sockets sent elsewhere, ${r.workersClosed} job workers closed`,
        );
        process.exit(0);
      },
      (e: unknown) => {
        logger.error(`Shutdown failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
