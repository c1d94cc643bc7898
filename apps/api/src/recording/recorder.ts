import { spawn, type ChildProcess } from 'node:child_process';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ForwardPorts, RtpForward } from '../media/media-engine';
import { recorderArgs } from './ffmpeg';
import { containerOf, sdpOf } from './rtp-sdp';
import { freePortPair, waitForUdpListeners } from './udp-ports';

/** After SIGINT, ffmpeg gets this long to finish its file before it is killed. */
const STOP_GRACE_MS = 5000;
/** After SIGINT, packets keep coming this long (ffmpeg sees the signal on the next one). */
const LAST_PACKET_WAIT_MS = 300;
/** ffmpeg binds its ports within this time (a loaded machine is slow to start it), or the recording fails. */
const LISTEN_TIMEOUT_MS = 15_000;

export interface RecorderEnd {
  /** ffmpeg ended on its own (crashed, or idle), not because it was asked to stop. */
  unexpected: boolean;
  sizeBytes: number;
}

/** One file being written: a forward of a source's RTP into an ffmpeg that copies it, as it comes, to disk. */
export class Recorder {
  private stopping = false;
  private readonly exited: Promise<RecorderEnd>;
  private output = '';

  private constructor(
    readonly fileName: string,
    private readonly path: string,
    private readonly child: ChildProcess,
    readonly forward: RtpForward,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-4000);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        void forward.close();
        void stat(this.path)
          .then((s) => s.size)
          .catch(() => 0)
          .then((sizeBytes) => resolve({ unexpected: !this.stopping, sizeBytes }));
      });
    });
  }

  /**
   * Opens a forward to two fresh local ports, writes its SDP, starts ffmpeg on it and, once ffmpeg listens,
   * starts the forward. Null when the source is not live (any more).
   */
  static async start(
    ffmpeg: string,
    dir: string,
    baseName: string,
    open: (ports: ForwardPorts) => Promise<RtpForward | null>,
  ): Promise<Recorder | null> {
    const ports = { audio: await freePortPair(), video: await freePortPair() };
    const forward = await open(ports);
    if (!forward) return null;
    const sdpPath = join(dir, `.${baseName}.sdp`);
    try {
      const { extension, format } = containerOf(forward.streams);
      const fileName = `${baseName}.${extension}`;
      await writeFile(sdpPath, sdpOf(forward.streams));
      const child = spawn(ffmpeg, recorderArgs(sdpPath, join(dir, fileName), format), { stdio: ['ignore', 'ignore', 'pipe'] });
      const recorder = new Recorder(fileName, join(dir, fileName), child, forward);
      const spawned = await new Promise<boolean>((resolve) => {
        child.once('spawn', () => resolve(true));
        child.once('error', () => resolve(false));
      });
      if (!spawned) throw new Error(`${ffmpeg} did not start`);
      if (!(await waitForUdpListeners(forward.streams.map((s) => s.port), LISTEN_TIMEOUT_MS, () => !recorder.running))) {
        child.kill('SIGKILL');
        throw new Error(`ffmpeg did not listen within ${LISTEN_TIMEOUT_MS} ms: ${recorder.lastOutput() || 'no message'}`);
      }
      await forward.start();
      return recorder;
    } catch (e) {
      await forward.close();
      throw e;
    } finally {
      // ffmpeg listens once it has read it (or never will).
      await rm(sdpPath, { force: true });
    }
  }

  /** ffmpeg's end, asked for or not. */
  ended(): Promise<RecorderEnd> {
    return this.exited;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What ffmpeg last said (its warnings), for the log. */
  lastOutput(): string {
    return this.output.trim();
  }

  /**
   * Stops ffmpeg so that it finishes its file: SIGINT, seen at the next packet (the forward still runs for
   * a moment), else the idle timeout once the forward is closed; SIGKILL past the grace period.
   */
  async stop(): Promise<RecorderEnd> {
    this.stopping = true;
    if (!this.running) {
      await this.forward.close();
      return this.exited;
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    this.child.kill('SIGINT');
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, LAST_PACKET_WAIT_MS))]);
    await this.forward.close();
    const end = await this.exited;
    clearTimeout(timer);
    return end;
  }
}
