// Imported first by the parse worker, before the readers load. Linux gives each thread its own nice
// value: this lowers the reading thread only, so loading the readers and reading a heavy file yield
// the CPU to the thread that answers HTTP.
import { setPriority } from 'node:os';

try {
  setPriority(10);
} catch {
  // Not permitted or not supported: the deadline and heap ceiling still hold.
}
