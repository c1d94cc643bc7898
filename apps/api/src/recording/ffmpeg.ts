import { execFile, spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';

/**
 * ffmpeg ends by itself, finishing its file, when no packet arrived for this long: the forward stopped,
 * or the api is gone. (A first SIGINT is only seen between two packets.)
 */
export const FFMPEG_IDLE_TIMEOUT_S = 2;

/** FFMPEG_BIN, or `ffmpeg` on PATH, if it runs. */
export function findFfmpeg(bin: string | null): { path: string } | { missing: string } {
  const path = bin ?? 'ffmpeg';
  const run = spawnSync(path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 10_000 });
  if (run.error) return { missing: `${bin ? `FFMPEG_BIN=${bin}` : 'ffmpeg on PATH'} does not run (${(run.error as NodeJS.ErrnoException).code ?? run.error.message})` };
  if (run.status !== 0) return { missing: `${path} -version exited with ${run.status}` };
  return { path };
}

/**
 * Reads RTP as the SDP file says and copies it, without decoding, to `out`: a packet on each cluster of
 * at most a second, written out at once, so that a crash loses at most the last second.
 */
export function recorderArgs(sdpPath: string, outPath: string, format: string): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'warning',
    '-protocol_whitelist',
    'file,udp,rtp',
    '-listen_timeout',
    String(FFMPEG_IDLE_TIMEOUT_S),
    // Until the first keyframe (asked for when the recording starts) gives the picture's size.
    '-analyzeduration',
    '5000000',
    '-fflags',
    '+genpts',
    '-i',
    sdpPath,
    '-map',
    '0',
    '-c',
    'copy',
    '-flush_packets',
    '1',
    '-cluster_time_limit',
    '1000',
    '-f',
    format,
    '-y',
    outPath,
  ];
}

/** ffprobe beside this ffmpeg (or on PATH, for a bare `ffmpeg`). */
const ffprobeOf = (ffmpeg: string) => (basename(ffmpeg) === ffmpeg ? 'ffprobe' : join(dirname(ffmpeg), basename(ffmpeg).replace('ffmpeg', 'ffprobe')));

/** How long a finished file plays, in seconds, as ffprobe reads it; null when it cannot tell. */
export function fileDuration(ffmpeg: string, file: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile(ffprobeOf(ffmpeg), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { timeout: 30_000 }, (error, stdout) => {
      const seconds = Number(String(stdout).trim());
      resolve(error || !Number.isFinite(seconds) || seconds <= 0 ? null : seconds);
    });
  });
}
