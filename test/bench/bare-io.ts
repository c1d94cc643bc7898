// Bare socket.io 4.8.4 on Node, for delegates.bench.ts to measure against in the same run: accepts
// connections (checking that a token is present, as cheaply as possible) and does nothing else.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Server } = require(join(import.meta.dirname, '..', '..', 'node_modules/socket.io'));

const http = createServer();
const io = new Server(http, { pingInterval: 20_000, pingTimeout: 20_000, transports: ['websocket'] });
io.of('/live').on('connection', (socket: { handshake: { auth: { token?: string } }; disconnect(b: boolean): void }) => {
  if (!socket.handshake.auth?.token) socket.disconnect(true);
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address() as { port: number };
  process.send?.({ type: 'listening', url: `http://127.0.0.1:${address.port}` });
});
