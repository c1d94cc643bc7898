// One recording's cost on the embedded engine (werift): the synthetic presenter of media-peers.ts, sending
// real VP8 (ffmpeg's test pattern at ~VIDEO_KBPS) and Opus-shaped packets, publishes through a real api, which records the broadcast with ffmpeg. Prints, over a
// measurement window: the CPU and RSS of the recording's ffmpeg, the file's growth, and the api's CPU
// with recording on and (BASELINE=1) with RECORDING=off for the same publication.
//   npm run build && npm run bench:recording
//   WARMUP=5 WINDOW=20 VIDEO_KBPS=500 BASELINE=1 DB=postgres
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ask, connectMedia, SyntheticPresenter } from './media-peers.ts';
import { ADMIN, call, cpuSeconds, startStack } from './stack.ts';
import { encodeVp8 } from './vp8-frames.ts';

const WARMUP_S = Number(process.env.WARMUP ?? 5);
const WINDOW_S = Number(process.env.WINDOW ?? 20);
const VIDEO_KBPS = Number(process.env.VIDEO_KBPS ?? 500);
const BASELINE = (process.env.BASELINE ?? '1') !== '0';
const DB = (process.env.DB ?? 'postgres') as 'postgres' | 'pglite';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The ffmpeg children of a process (its recorders). */
function ffmpegChildren(parent: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'ffmpeg' && ppid === parent) pids.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** Bytes of every file under dir. */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

interface Sample {
  apiCpu: number;
  ffmpeg: { cpu: number; rssMb: number; kbps: number } | null;
}

const FRAMES = encodeVp8(6, VIDEO_KBPS);

async function measure(recording: boolean): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'bp-recordings-'));
  const stack = await startStack(DB, { MEDIA_ENGINE: 'werift', RECORDINGS_DIR: dir, RECORDING: recording ? 'on' : 'off' }, { captureOutput: true });
  let presenter: SyntheticPresenter | null = null;
  let socket: Awaited<ReturnType<typeof connectMedia>> | null = null;
  try {
    const apiPid = stack.process.pid!;
    const admin = (await call<{ accessToken: string }>(stack.url, '/auth/login', null, 'POST', ADMIN)).accessToken;
    const conference = await call<{ id: string }>(stack.url, '/conferences', admin, 'POST', {
      title: 'Bench ghi hình',
      startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    });
    socket = await connectMedia(stack.url, admin, conference.id);
    await ask(socket, 'media.join', {});
    presenter = new SyntheticPresenter(VIDEO_KBPS, FRAMES);
    const { sdp } = await ask<{ sdp: string }>(socket, 'media.publish', { source: 'presenter', sdp: await presenter.offer() });
    await presenter.accept(sdp);
    await presenter.connected();
    presenter.start();
    await sleep(WARMUP_S * 1000);
    const recorders = ffmpegChildren(apiPid);
    if (recording && recorders.length !== 1) throw new Error(`expected one ffmpeg recording, found ${recorders.length}\n${stack.output().slice(-3000)}`);
    const [pid] = recorders;
    const before = { api: cpuSeconds(apiPid), ffmpeg: pid ? cpuSeconds(pid) : 0, bytes: bytesUnder(dir), at: performance.now() };
    await sleep(WINDOW_S * 1000);
    const seconds = (performance.now() - before.at) / 1000;
    const apiCpu = (cpuSeconds(apiPid) - before.api) / seconds;
    if (!pid) return { apiCpu, ffmpeg: null };
    if (!ffmpegChildren(apiPid).includes(pid)) throw new Error(`the recording's ffmpeg ended during the window\n${stack.output().slice(-3000)}`);
    return {
      apiCpu,
      ffmpeg: { cpu: (cpuSeconds(pid) - before.ffmpeg) / seconds, rssMb: rssMb(pid), kbps: ((bytesUnder(dir) - before.bytes) * 8) / 1000 / seconds },
    };
  } finally {
    socket?.close();
    await presenter?.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (cores: number) => `${(cores * 100).toFixed(1)} %`;
console.log(`One recording on werift: a synthetic presenter at ~${VIDEO_KBPS} kbps video + Opus; warm-up ${WARMUP_S} s, window ${WINDOW_S} s (CPU in % of one core)`);
const on = await measure(true);
console.log(
  `  recording on : ffmpeg ${pct(on.ffmpeg!.cpu)} CPU, ${on.ffmpeg!.rssMb.toFixed(1)} MB RSS, file grows ${on.ffmpeg!.kbps.toFixed(0)} kbit/s; api ${pct(on.apiCpu)} CPU`,
);
if (BASELINE) {
  const off = await measure(false);
  console.log(`  recording off: api ${pct(off.apiCpu)} CPU → one recording costs ${pct(on.ffmpeg!.cpu + on.apiCpu - off.apiCpu)} in all`);
}
