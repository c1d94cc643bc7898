import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PRESENTER_SOURCE, pointSource, sourcePointId, type MediaSource, type RecordingKind } from '@bridgepoint/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MEDIA_ENGINE, type MediaEngine } from '../media/media-engine';
import { SpeakService } from '../questions/speak.service';
import { fileDuration } from './ffmpeg';
import { Recorder } from './recorder';
import { RecordingAvailability } from './recording-availability';
import { recordingPath, RecordingsStore } from './recordings.store';

/** How often the engine's live sources and the floor are compared with what is being recorded. */
export const RECORDING_CHECK_MS = 250;
/** A recording that could not start is tried again after this long. */
const RETRY_MS = 5000;

interface Running {
  id: string;
  startedAt: Date;
  path: string;
  source: MediaSource;
  recorder: Recorder;
}

const keyOf = (conferenceId: string, kind: RecordingKind) => `${conferenceId} ${kind}`;
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Records, in the media process, the broadcast (the presenter's source, while it is live) and each
 * speaking turn (the uplink of the point holding the floor, while it holds it and sends): one file per
 * publication and turn, `<conference>/<time>-<kind>-<id>.webm` under RECORDINGS_DIR. A new publication
 * of the same source (new devices) or an ffmpeg that ended by itself starts a new file.
 */
@Injectable()
export class RecordingDirector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecordingDirector.name);
  private readonly running = new Map<string, Running>();
  private readonly retryAt = new Map<string, number>();
  /** Recordings being finished (ffmpeg writing its last cluster and index). */
  private readonly stopping = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    @Inject(MEDIA_ENGINE) private readonly engine: MediaEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly availability: RecordingAvailability,
    private readonly store: RecordingsStore,
    private readonly speak: SpeakService,
  ) {}

  async onApplicationBootstrap() {
    if (!this.availability.on) return;
    await this.closeOrphans();
    this.timer = setInterval(() => void this.check(), RECORDING_CHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const key of [...this.running.keys()]) this.stop(key);
    await Promise.all([...this.stopping]);
  }

  /** One comparison of what should be recorded with what is (exposed for tests; runs never overlap). */
  async check() {
    if (this.checking) return;
    this.checking = true;
    try {
      const wanted = new Map<string, { conferenceId: string; kind: RecordingKind; source: MediaSource }>();
      for (const conferenceId of this.engine.conferences()) {
        const live = this.engine.liveSources(conferenceId);
        if (live.includes(PRESENTER_SOURCE)) wanted.set(keyOf(conferenceId, 'broadcast'), { conferenceId, kind: 'broadcast', source: PRESENTER_SOURCE });
        if (live.some((s) => sourcePointId(s) !== null)) {
          const holder = (await this.speak.floor(conferenceId)).pointId;
          if (holder && live.includes(pointSource(holder))) wanted.set(keyOf(conferenceId, 'floor'), { conferenceId, kind: 'floor', source: pointSource(holder) });
        }
      }
      for (const [key, run] of [...this.running]) {
        if (wanted.get(key)?.source !== run.source || run.recorder.forward.ended() || !run.recorder.running) this.stop(key);
      }
      for (const [key, want] of wanted) {
        if (!this.running.has(key) && (this.retryAt.get(key) ?? 0) <= Date.now()) await this.start(key, want.conferenceId, want.kind, want.source);
      }
    } catch (e) {
      this.logger.warn(`Recording check: ${(e as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  private async start(key: string, conferenceId: string, kind: RecordingKind, source: MediaSource) {
    const id = randomUUID();
    const startedAt = new Date();
    const dir = dirname(recordingPath(this.config, conferenceId, 'x'));
    try {
      await mkdir(dir, { recursive: true });
      const recorder = await Recorder.start(this.availability.ffmpeg!, dir, `${stamp(startedAt)}-${kind}-${id.slice(0, 8)}`, (ports) =>
        this.engine.forward(conferenceId, source, ports),
      );
      if (!recorder) return;
      await this.store.begin(id, conferenceId, kind, sourcePointId(source), recorder.fileName, startedAt);
      this.running.set(key, { id, startedAt, path: recordingPath(this.config, conferenceId, recorder.fileName), source, recorder });
      this.retryAt.delete(key);
      void recorder.ended().then((end) => {
        if (!end.unexpected) return;
        this.logger.warn(`Recording ${recorder.fileName} ended by itself: ${recorder.lastOutput() || 'no message'}`);
      });
    } catch (e) {
      this.retryAt.set(key, Date.now() + RETRY_MS);
      this.logger.warn(`Could not start recording ${kind} of ${conferenceId}: ${(e as Error).message}`);
    }
  }

  /** Ends a recording; the next one of its kind may start at once, while this one's file is finished. */
  private stop(key: string) {
    const run = this.running.get(key);
    if (!run) return;
    this.running.delete(key);
    const done = this.finish(run).finally(() => this.stopping.delete(done));
    this.stopping.add(done);
  }

  private async finish(run: Running) {
    const stoppedAt = new Date();
    const end = await run.recorder.stop();
    const state = end.sizeBytes === 0 ? 'failed' : end.unexpected ? 'interrupted' : 'done';
    // What the file holds, rather than when the engine noticed the source was gone (a closed tab takes seconds).
    const seconds = end.sizeBytes > 0 ? await fileDuration(this.availability.ffmpeg!, run.path) : null;
    const endedAt = seconds !== null ? new Date(run.startedAt.getTime() + seconds * 1000) : end.unexpected ? new Date() : stoppedAt;
    await this.store.end(run.id, state, end.sizeBytes, endedAt).catch((e: Error) => this.logger.warn(`Recording ${run.id} not closed in the database: ${e.message}`));
  }

  /**
   * Rows left "recording" by a media process that died: their ffmpeg finished the file by itself after its
   * idle timeout (or was killed with it); they end when their file was last written.
   */
  private async closeOrphans() {
    for (const orphan of await this.store.unfinished().catch(() => [])) {
      const file = await stat(recordingPath(this.config, orphan.conferenceId, orphan.fileName)).catch(() => null);
      await this.store.end(orphan.id, file && file.size > 0 ? 'interrupted' : 'failed', file?.size ?? 0, file?.mtime);
    }
  }
}
