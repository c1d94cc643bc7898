// A load generator for presence.bench.ts, forked with an IPC channel: opens the `/live` sockets of
// point operators' pages and holds them until the process is killed (as a browser or a network would die).
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');
const { io } = require(join(ROOT, 'node_modules/socket.io-client'));

export interface PresenceLoadCommand {
  type: 'connect';
  url: string;
  conferenceId: string;
  tokens: string[];
}

const held: unknown[] = [];

process.on('message', async (cmd: PresenceLoadCommand) => {
  if (cmd.type !== 'connect') return;
  let failures = 0;
  const started = Date.now();
  const CONCURRENCY = 32;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < cmd.tokens.length) {
        const token = cmd.tokens[next++];
        await new Promise<void>((resolve) => {
          const socket = io(`${cmd.url}/live`, { auth: { token, conferenceId: cmd.conferenceId }, transports: ['websocket'], forceNew: true, reconnection: false });
          held.push(socket);
          socket.once('connect', () => resolve());
          socket.once('connect_error', () => {
            failures++;
            resolve();
          });
        });
      }
    }),
  );
  process.send!({ type: 'connected', count: cmd.tokens.length - failures, failures, ms: Date.now() - started });
});
