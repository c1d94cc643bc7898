import { setPriority } from 'node:os';

/**
 * Linux gives each thread its own nice value: this lowers the calling (reading) thread only, so a
 * heavy file yields the CPU to the thread that answers HTTP. Called once the reader is loaded, so
 * starting it is not starved on a busy machine.
 */
export function lowerPriority(): void {
  try {
    setPriority(10);
  } catch {
    // Not permitted or not supported: the deadline and heap ceiling still hold.
  }
}
