// Real VP8 for the synthetic presenter (`new SyntheticPresenter(kbps, encodeVp8(…))`), for benchmarks whose
// receiver parses the video: a recorder needs a decodable keyframe.
import { spawnSync } from 'node:child_process';

const FPS = 30;

/** Frames of a VP8 IVF stream encoded by ffmpeg: `seconds` of a 640×360 test pattern at ~kbps, a keyframe every 3 s. */
export function encodeVp8(seconds: number, kbps: number): Buffer[] {
  const run = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FPS}`, '-t', String(seconds),
      '-c:v', 'libvpx', '-b:v', `${kbps}k`, '-g', String(3 * FPS), '-deadline', 'realtime', '-f', 'ivf', 'pipe:1'],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`ffmpeg could not encode VP8: ${run.stderr?.toString() ?? run.error?.message}`);
  const ivf = run.stdout;
  const frames: Buffer[] = [];
  for (let at = ivf.readUInt16LE(6); at + 12 <= ivf.length; ) {
    const size = ivf.readUInt32LE(at);
    frames.push(ivf.subarray(at + 12, at + 12 + size));
    at += 12 + size;
  }
  return frames;
}
