import { mkdirSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RecordingAvailabilityDto } from '@bridgepoint/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { findFfmpeg } from './ffmpeg';

/** Whether this process records, decided once at start: turned on, ffmpeg runs, RECORDINGS_DIR is writable, media here. */
@Injectable()
export class RecordingAvailability {
  readonly ffmpeg: string | null;
  readonly reason: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { enabled, ffmpegBin, dir } = config.recording;
    let ffmpeg: string | null = null;
    let reason: string | null = null;
    if (!enabled) reason = 'Recording is turned off (RECORDING=off).';
    else if (!config.roles.has('media')) reason = 'This process has no media role: the media process records.';
    else {
      const found = findFfmpeg(ffmpegBin);
      if ('missing' in found) reason = `No ffmpeg: ${found.missing}. Install Debian's ffmpeg or set FFMPEG_BIN.`;
      else {
        try {
          mkdirSync(dir, { recursive: true });
          ffmpeg = found.path;
        } catch (e) {
          reason = `RECORDINGS_DIR=${dir} cannot be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`;
        }
      }
    }
    this.ffmpeg = ffmpeg;
    this.reason = reason;
    if (reason && enabled && config.roles.has('media')) new Logger(RecordingAvailability.name).warn(`Recording is off. ${reason}`);
  }

  get on(): boolean {
    return this.ffmpeg !== null;
  }

  dto(): RecordingAvailabilityDto {
    return this.on ? { state: 'on', reason: null } : { state: 'off', reason: this.reason };
  }
}
