import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgendaItemDto, ConferenceDto, ConferencePointDto, FloorDto, HealthResponse, RecordingDto } from '@bridgepoint/contracts';
import { pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState } from './helpers';
import { MEDIA_FLAGS, mediaEngines } from './media';

/**
 * Server-side recording (werift; mediasoup where a worker is found): a 10 s broadcast and a 10 s speaking
 * turn each leave a file, listed for the organizers with its point and agenda item, downloadable, in which
 * ffprobe finds a video and an audio stream lasting as long as the broadcast and the turn did (within 1 s).
 * ffmpeg killed in the middle of a broadcast leaves a file that plays up to there, and recording goes on.
 */

const EVENT = smallEvent();
const SECONDS = 10;

interface Probe {
  streams: { codec_type: string; codec_name: string }[];
  format: { duration?: string };
}

/** Video frames ffmpeg decodes from the file, reading it to its end without an error. */
function decodedFrames(file: string): number {
  const run = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], {
    encoding: 'utf8',
  });
  if (run.status !== 0 || run.stderr.trim()) throw new Error(`ffprobe ${file}: ${run.stderr || run.error?.message}`);
  return Number(run.stdout.trim());
}

/** The ffmpeg processes writing into `dir` (this test's api's recorders only). */
function recordersIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return cmdline[0]?.endsWith('ffmpeg') && cmdline.some((arg) => arg.startsWith(dir));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function ffprobe(file: string): Probe {
  const run = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name:format=duration', '-of', 'json', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffprobe ${file}: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as Probe;
}

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;
if (!hasFfmpeg) console.log('SKIPPED: no ffmpeg/ffprobe on PATH (apt-get install ffmpeg): the recording end-to-end needs them');
const ENGINES = hasFfmpeg ? mediaEngines('the recording end-to-end') : [];

describe.each(ENGINES)('recording the broadcast and a speaking turn (browser, $engine)', ({ env }) => {
  let harness: Harness;
  const downloads = mkdtempSync(join(tmpdir(), 'bridgepoint-recordings-'));
  const recordingsDir = mkdtempSync(join(tmpdir(), 'bridgepoint-recorded-'));

  beforeAll(async () => {
    harness = await startHarness({ chromiumArgs: MEDIA_FLAGS, env: { ...env, RECORDINGS_DIR: recordingsDir } });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    rmSync(downloads, { recursive: true, force: true });
    rmSync(recordingsDir, { recursive: true, force: true });
  }, 60_000);

  it('records both, lists them with point and agenda item, and their files hold a picture and sound of the right length', async () => {
    try {
      const health = (await (await fetch(`${harness.baseUrl}/api/health`)).json()) as HealthResponse;
      expect(health.recording).toEqual({ state: 'on', reason: null });
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị ghi hình',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      });
      const base = `/conferences/${conference.id}`;
      const [opening] = await organizer.json<AgendaItemDto[]>('PUT', `${base}/agenda`, {
        items: [{ title: 'Khai mạc hội nghị', speaker: null }, { title: 'Ý kiến của các phường', speaker: null }],
      });
      await organizer.json('PUT', `${base}/agenda/current`, { agendaItemId: opening!.id });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      const [a] = await organizer.json<ConferencePointDto[]>('GET', `${base}/points`);

      // A 10 s broadcast.
      const presenter = harness.page;
      await presenter.goto(`${harness.baseUrl}${base}/present`);
      await signInThroughForm(presenter, harness.admin.username, harness.admin.password, /\/present$/);
      await waitForState(presenter, '[data-testid="present"]', 'ready', 20_000);
      await presenter.getByTestId('present-toggle').click();
      await waitForState(presenter, '[data-testid="present"]', 'live', 20_000);
      const liveAt = Date.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000 - (Date.now() - liveAt)));
      await presenter.getByTestId('present-toggle').click();
      await presenter.getByRole('button', { name: 'Dừng phát sóng' }).click();
      await waitForState(presenter, '[data-testid="present"]', 'ready', 20_000);
      const broadcastSeconds = (Date.now() - liveAt) / 1000;

      // Point A sends its camera; a 10 s speaking turn.
      const pointContext = await harness.newContext();
      const operator = await pointContext.newPage();
      await operator.goto(`${harness.baseUrl}/point/${a!.joinCode}`);
      await operator.getByTestId('uplink-toggle').click();
      await waitForState(operator, '[data-testid="uplink"]', 'sending', 20_000);
      await organizer.json('PUT', `${base}/agenda/current`, { agendaItemId: null });
      await organizer.json<FloorDto>('POST', `${base}/floor`, { pointId: a!.id });
      const grantedAt = Date.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      await organizer.json<FloorDto>('POST', `${base}/floor/release`);
      const turnSeconds = (Date.now() - grantedAt) / 1000;

      // Both are listed, done, once their ffmpeg finished the file.
      let recordings: RecordingDto[] = [];
      const deadline = Date.now() + 20_000;
      do {
        await new Promise((r) => setTimeout(r, 500));
        recordings = await organizer.json<RecordingDto[]>('GET', `${base}/recordings`);
      } while (!(recordings.length === 2 && recordings.every((r) => r.state === 'done')) && Date.now() < deadline);
      expect(recordings.map((r) => [r.kind, r.state])).toEqual([
        ['floor', 'done'],
        ['broadcast', 'done'],
      ]);
      const [turn, broadcast] = recordings as [RecordingDto, RecordingDto];
      expect([turn.pointId, turn.pointName, turn.agendaItemTitle]).toEqual([a!.id, a!.name, null]);
      expect([broadcast.pointId, broadcast.agendaItemTitle]).toEqual([null, 'Khai mạc hội nghị']);

      // Downloaded, each file has a picture and sound lasting as long as the broadcast and the turn.
      for (const [recording, truth] of [
        [broadcast, broadcastSeconds],
        [turn, turnSeconds],
      ] as const) {
        const file = join(downloads, recording.fileName);
        writeFileSync(file, await organizer.bytes(`${base}/recordings/${recording.id}/file`));
        const probe = ffprobe(file);
        const duration = Number(probe.format.duration);
        console.log(
          `recording ${recording.kind}: ${recording.fileName}, ${recording.sizeBytes} bytes, ${probe.streams.map((s) => `${s.codec_type}/${s.codec_name}`).join(' + ')}, ` +
            `${duration.toFixed(2)} s in the file, ${truth.toFixed(2)} s live, listed ${((recording.durationMs ?? 0) / 1000).toFixed(2)} s`,
        );
        expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
        expect(Math.abs(duration - truth)).toBeLessThanOrEqual(1);
      }

      // The organizers' page, a tab of the conference, lists both; its button downloads the file.
      const page = await harness.context.newPage();
      await page.goto(`${harness.baseUrl}${base}/points`);
      await page.getByTestId('tab-recordings').click();
      const rows = page.getByTestId('recording-row');
      await rows.nth(1).waitFor({ timeout: 15_000 });
      expect(await rows.count()).toBe(2);
      await page.locator('[data-testid="recording-row"][data-kind="floor"]').getByText(a!.name).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), rows.first().getByTestId('recording-download').click()]);
      expect(download.suggestedFilename()).toBe(turn.fileName);
      await page.close();
      await pointContext.close();

      // ffmpeg dies in the middle of a broadcast: its file plays up to there, and a new file carries on.
      await presenter.getByTestId('present-toggle').click();
      await waitForState(presenter, '[data-testid="present"]', 'live', 20_000);
      let recorders: number[] = [];
      for (const started = Date.now(); recorders.length === 0 && Date.now() - started < 15_000; ) {
        await new Promise((r) => setTimeout(r, 250));
        recorders = recordersIn(recordingsDir);
      }
      expect(recorders).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 4000));
      process.kill(recorders[0]!, 'SIGKILL');
      let after: RecordingDto[] = [];
      for (const started = Date.now(); Date.now() - started < 15_000; ) {
        await new Promise((r) => setTimeout(r, 500));
        after = await organizer.json<RecordingDto[]>('GET', `${base}/recordings`);
        if (after.length === 4 && after.some((r) => r.state === 'interrupted')) break;
      }
      const killed = after.find((r) => r.state === 'interrupted');
      expect({ rows: after.length, killed: killed?.kind }).toEqual({ rows: 4, killed: 'broadcast' });
      expect(after[0]).toMatchObject({ kind: 'broadcast', state: 'recording' });
      const cut = join(downloads, killed!.fileName);
      writeFileSync(cut, await organizer.bytes(`${base}/recordings/${killed!.id}/file`));
      expect(ffprobe(cut).streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
      const frames = decodedFrames(cut);
      console.log(`recording killed after ~4 s: ${killed!.sizeBytes} bytes, ${frames} video frames decode`);
      expect(frames).toBeGreaterThan(30);
      await presenter.getByTestId('present-toggle').click();
      await presenter.getByRole('button', { name: 'Dừng phát sóng' }).click();
      await waitForState(presenter, '[data-testid="present"]', 'ready', 20_000);
    } catch (error) {
      throw new Error(`${(error as Error).stack ?? String(error)}\n--- API output ---\n${harness.apiOutput()}`);
    }
  }, 240_000);
});
