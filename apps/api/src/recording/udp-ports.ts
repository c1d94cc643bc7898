import { createSocket, type Socket } from 'node:dgram';

const bind = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });

const close = (socket: Socket) => new Promise<void>((resolve) => socket.close(() => resolve()));

/** An even UDP port whose next one is free too (ffmpeg takes the RTP port and the one above for RTCP). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await bind(0);
    const port = probe.address().port & ~1;
    await close(probe);
    if (port < 1024 || port > 65534) continue;
    const held: Socket[] = [];
    try {
      held.push(await bind(port), await bind(port + 1));
      return port;
    } catch {
      // Taken: try another.
    } finally {
      await Promise.all(held.map(close));
    }
  }
  throw new Error('No free pair of UDP ports on 127.0.0.1.');
}

/** Someone holds the port: binding it fails with EADDRINUSE (ffmpeg does not share its ports). */
async function taken(port: number): Promise<boolean> {
  try {
    await close(await bind(port));
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
  }
}

/** Resolves true once every port is bound (a receiver started listening); false after `timeoutMs` or once `gone()`. */
export async function waitForUdpListeners(ports: number[], timeoutMs: number, gone: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await Promise.all(ports.map(taken))).every(Boolean)) return true;
    if (Date.now() > deadline || gone()) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}
