// Runs in a worker thread: reads one uploaded file and posts the result back. Nothing here touches
// the database or the network; a file that takes too long or too much memory only ends this thread.
import { parentPort } from 'node:worker_threads';
import { TabularError } from '../tabular';
import { analyze, check, type ParseRequest } from './analyze';
import { lowerPriority } from './low-priority';

export type ParseReply = { id: number } & (
  | { ok: true; value: unknown }
  | { ok: false; tabular: { code: string; message: string; details?: unknown } }
  | { ok: false; unexpected: string }
);

lowerPriority();

/** One request at a time: the host sends the next only after this one's reply. */
parentPort?.on('message', ({ id, req }: { id: number; req: ParseRequest }) => {
  const run = req.mode === 'check' ? check(req) : analyze(req);
  run.then(
    (value) => parentPort?.postMessage({ id, ok: true, value } satisfies ParseReply),
    (e: unknown) => {
      const reply: ParseReply =
        e instanceof TabularError
          ? { id, ok: false, tabular: { code: e.code, message: e.message, details: e.details } }
          : { id, ok: false, unexpected: e instanceof Error ? e.message : String(e) };
      parentPort?.postMessage(reply);
    },
  );
});
