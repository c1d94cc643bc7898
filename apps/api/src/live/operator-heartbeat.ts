import type { Socket } from 'socket.io';

/**
 * Pings an operator page every `everyMs` (`presence.ping`, which the page acknowledges) and closes its socket
 * when an acknowledgement does not come within `timeoutMs`: a killed browser or a cut network takes its point
 * offline within everyMs + timeoutMs, while socket.io's own heartbeat stays slow for the many delegates' phones.
 * The page answers when the ping arrives, not from a timer of its own, so a background tab (whose timers the
 * browser slows down) answers as fast as a visible one. Only pages that say they answer (`auth.heartbeat`)
 * are pinged.
 */
export function keepOperatorBeating(socket: Socket, everyMs: number, timeoutMs: number): void {
  if ((socket.handshake.auth as { heartbeat?: unknown } | undefined)?.heartbeat !== true) return;
  const timer = setInterval(() => {
    socket.timeout(timeoutMs).emit('presence.ping', (error: Error | null) => {
      if (error && socket.connected) socket.disconnect(true);
    });
  }, everyMs);
  timer.unref();
  socket.once('disconnect', () => clearInterval(timer));
}
