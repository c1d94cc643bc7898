import { PRESENTER_SOURCE, pointSource, type ConferenceDto, type ConferencePointDto, type FloorDto, type HealthResponse } from '@bridgepoint/contracts';
import type { Page } from 'playwright-core';
import { delegatesCsv, pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState, waitForTestId } from './helpers';
import { MEDIA_FLAGS, mediaEngines } from './media';

/**
 * The floor heard at the host site, on the embedded engine (werift): point A gets the floor and the studio
 * screen plays A's picture and SOUND (energy measured with a WebAudio analyser on Chromium's fake
 * microphone tone); the host site mutes A: the studio falls silent within a second and A's page says who
 * muted it; unmuted, the sound is back. A's tab closes while it holds the floor: moderators are alerted
 * within 10 s; A opens its page again: the floor resumes by itself.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;
/** RMS above this is the fake microphone's tone; silence (and Opus comfort noise) stays well below. */
const SOUND_RMS = 0.02;

/** Starts sampling the RMS of the studio's floor audio (every 50 ms) with an AnalyserNode of its own. */
async function listen(studio: Page): Promise<void> {
  await studio.evaluate(() => {
    type W = { __energy?: { t: number; rms: number }[]; __listenTimer?: number; __listened?: MediaStream };
    const w = window as unknown as W;
    const ctx = new AudioContext();
    void ctx.resume();
    let analyser: AnalyserNode | null = null;
    const samples = new Float32Array(1024);
    w.__energy = [];
    if (w.__listenTimer) clearInterval(w.__listenTimer);
    w.__listenTimer = window.setInterval(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="studio-floor"] video');
      const stream = video?.srcObject instanceof MediaStream ? video.srcObject : null;
      if (stream && stream !== w.__listened && stream.getAudioTracks().length > 0) {
        // A new subscription (the point came back): listen to it instead.
        w.__listened = stream;
        analyser = ctx.createAnalyser();
        analyser.fftSize = 1024;
        ctx.createMediaStreamSource(stream).connect(analyser);
      }
      if (!analyser) return;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      w.__energy!.push({ t: performance.now(), rms: Math.sqrt(sum / samples.length) });
      if (w.__energy!.length > 2000) w.__energy!.splice(0, 500);
    }, 50);
  });
}

/** The loudest sample the studio heard in [from, to) of its own clock (performance.now). */
async function loudest(studio: Page, from: number, to: number): Promise<{ max: number; samples: number }> {
  return studio.evaluate(
    ([a, b]) => {
      const energy = (window as unknown as { __energy?: { t: number; rms: number }[] }).__energy ?? [];
      const inside = energy.filter((e) => e.t >= a && e.t < b);
      return { max: inside.reduce((m, e) => Math.max(m, e.rms), 0), samples: inside.length };
    },
    [from, to] as const,
  );
}

const clock = (page: Page) => page.evaluate(() => performance.now());

/** Waits until the studio hears the tone within a sliding 2 s window; returns how long it took. */
async function waitForSound(studio: Page, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  let last = { max: 0, samples: 0 };
  while (Date.now() - started < timeoutMs) {
    const now = await clock(studio);
    last = await loudest(studio, now - 2000, now);
    if (last.max > SOUND_RMS) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The studio heard no sound from the floor: loudest ${last.max.toFixed(4)} over ${last.samples} samples`);
}

async function framesDecoded(page: Page, source: string): Promise<number> {
  return page.evaluate(async (src) => {
    type Sub = { stats(): Promise<RTCStatsReport[]> };
    const sub = (window as unknown as { __bpSubscriptions?: Map<string, Sub> }).__bpSubscriptions?.get(src);
    let frames = 0;
    for (const report of (await sub?.stats()) ?? []) {
      report.forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
      });
    }
    return frames;
  }, source);
}

/** On mediasoup the host site's mute pauses the producer at the worker. */
const ENGINES = mediaEngines('the studio end-to-end');

describe.each(ENGINES)('the floor heard at the host site (browser, $engine)', ({ engine, env }) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ chromiumArgs: MEDIA_FLAGS, env });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it('plays the floor holder with its sound, mutes it from the host site, and alerts moderators when it drops', async () => {
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const { media } = (await (await fetch(`${harness.baseUrl}/api/health`)).json()) as HealthResponse;
      expect(media.engine).toBe(engine);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị trực tuyến toàn thành phố',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      });
      await organizer.json('PUT', `/conferences/${conference.id}/agenda`, {
        items: [
          { title: 'Khai mạc hội nghị', speaker: 'Chủ tịch UBND Thành phố' },
          { title: 'Ý kiến của các phường', speaker: null },
          { title: 'Bế mạc', speaker: null },
        ],
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));
      const [pointA] = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
      const a = pointA!;

      // The presenter goes live.
      const presenter = harness.page;
      await presenter.goto(`${harness.baseUrl}/conferences/${conference.id}/present`);
      await signInThroughForm(presenter, harness.admin.username, harness.admin.password, /\/present$/);
      await waitForState(presenter, '[data-testid="present"]', 'ready', 20_000);
      await presenter.getByRole('button', { name: 'Phát sóng' }).click();
      await waitForState(presenter, '[data-testid="present"]', 'live', 20_000);

      // Point A sends its camera and microphone.
      const pointContext = await harness.newContext();
      let operatorA = await pointContext.newPage();
      // A mistyped code on the broadcast-only page gets the operator page's clear answer, not a spinner.
      await operatorA.goto(`${harness.baseUrl}/point/WRONG-C0DE-00000/broadcast`);
      expect(await waitForTestId(operatorA, 'operator-join-error', /./)).toContain('Mã tham gia không đúng');
      await operatorA.goto(`${harness.baseUrl}/point/${a.joinCode}`);
      await operatorA.getByTestId('uplink-toggle').click();
      await waitForState(operatorA, '[data-testid="uplink"]', 'sending', 20_000);

      // The host site: the studio screen in kiosk mode, and the moderators' page beside it.
      const hostSite = await harness.newContext({ viewport: { width: 1600, height: 900 } });
      const studio = await hostSite.newPage();
      await studio.goto(`${harness.baseUrl}/conferences/${conference.id}/studio?kiosk=1`);
      await signInThroughForm(studio, harness.admin.username, harness.admin.password, /\/studio\?kiosk=1$/);
      await studio.getByTestId('studio').waitFor();
      // Kiosk: no buttons at all.
      expect(await studio.locator('button').count()).toBe(0);
      // The hall screen in kiosk mode has no buttons either.
      const hall = await hostSite.newPage();
      await hall.goto(`${harness.baseUrl}/conferences/${conference.id}/hall?kiosk=1`);
      await hall.getByTestId('hall-floor').waitFor();
      expect(await hall.locator('button').count()).toBe(0);
      await hall.close();
      const moderator = await hostSite.newPage();
      await moderator.goto(`${harness.baseUrl}/conferences/${conference.id}/moderation`);
      await moderator.getByTestId('moderation-floor').waitFor();
      await moderator.getByTestId('agenda-advance').click();
      await studio.getByTestId('agenda-now').getByText('Khai mạc hội nghị').waitFor();

      // A gets the floor: the studio plays A's picture at the top layer, with its sound.
      await organizer.json<FloorDto>('POST', `/conferences/${conference.id}/floor`, { pointId: a.id });
      await studio.locator(`[data-testid="studio-stage"][data-floor="${a.id}"][data-state="playing"]`).waitFor({ timeout: 20_000 });
      await listen(studio);
      const soundMs = await waitForSound(studio);
      const frames = await framesDecoded(studio, pointSource(a.id));
      await new Promise((r) => setTimeout(r, 1000));
      expect(await framesDecoded(studio, pointSource(a.id))).toBeGreaterThan(frames + 5);
      await studio.getByTestId('studio-timer').waitFor();
      console.log(`studio: A's sound heard ${soundMs} ms after its picture played`);
      // The control room's camera wall shows A's uplink state, with a mute button; on werift A is the active speaker.
      const control = await hostSite.newPage();
      await control.goto(`${harness.baseUrl}/conferences/${conference.id}/control`);
      const tileA = control.locator(`[data-testid="uplink-tile"][data-point-id="${a.id}"]`);
      await tileA.locator('[data-testid="uplink-state"][data-live="true"]').waitFor({ timeout: 15_000 });
      await tileA.getByTestId('uplink-mute').waitFor();
      if (engine === 'werift') await control.locator(`[data-testid="uplink-tile"].is-speaking[data-point-id="${a.id}"]`).waitFor({ timeout: 10_000 });
      if (SHOTS) await tileA.screenshot({ path: `${SHOTS}/control-tile.png` });
      // The wall's filters find A by its code and among the points sending; A's camera opens large, with its picture.
      await control.getByTestId('wall-search').fill(a.code.toLowerCase());
      await waitForTestId(control, 'wall-count', /^1 \//);
      await control.getByTestId('wall-search').fill('');
      await control.getByTestId('wall-state').selectOption('sending');
      await tileA.waitFor();
      expect(await control.getByTestId('uplink-tile').count()).toBe(1);
      await tileA.getByTestId('uplink-enlarge').click();
      await control.waitForFunction(() => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid="uplink-enlarged"] video');
        return !!video && video.videoWidth > 0;
      }, undefined, { timeout: 15_000 });
      if (SHOTS) await control.screenshot({ path: `${SHOTS}/control-enlarged.png` });
      await control.getByTestId('uplink-enlarged-close').click();
      await control.getByTestId('uplink-enlarged').waitFor({ state: 'detached' });
      await control.close();
      if (SHOTS) {
        await studio.screenshot({ path: `${SHOTS}/studio.png` });
        await presenter.screenshot({ path: `${SHOTS}/presenter.png`, fullPage: true });
        await moderator.screenshot({ path: `${SHOTS}/moderation-floor-media.png`, fullPage: true });
        await operatorA.screenshot({ path: `${SHOTS}/operator-uplink.png`, fullPage: true });
      }

      // The host site mutes A: silence at the studio within a second; A's page says who muted it.
      const floorPanel = moderator.getByTestId('moderation-floor');
      await floorPanel.locator('[data-testid="uplink-state"][data-audio="true"]').waitFor({ timeout: 10_000 });
      // werift: the server's level of A's sound (RFC 6464, read from RTP) moves the floor panel's meter.
      if (engine === 'werift') await moderator.waitForFunction(
        () => Number(document.querySelector('[data-testid="moderation-floor"] [data-testid="uplink-state"] .level-meter')?.getAttribute('data-level') ?? 0) > 0,
        undefined,
        { timeout: 10_000 },
      );
      const clickedAt = await clock(studio);
      await floorPanel.getByTestId('floor-mute').click();
      // The moderator's button turns to "unmute" once the server has paused A's sound: silence is counted from there.
      await floorPanel.getByTestId('floor-mute').getByText('Bật tiếng').waitFor({ timeout: 5000 });
      const mutedAt = await clock(studio);
      console.log(`studio: the server acknowledged the mute ${Math.round(mutedAt - clickedAt)} ms after the click`);
      await operatorA.getByTestId('uplink-host-muted').waitFor({ timeout: 5000 });
      expect(await operatorA.getByTestId('uplink-mic').isDisabled()).toBe(true);
      await new Promise((r) => setTimeout(r, 3500));
      const afterMute = await loudest(studio, mutedAt + 1000, mutedAt + 3500);
      expect(afterMute.samples).toBeGreaterThan(20);
      const toneTimes = await studio.evaluate(
        ([from, threshold]) =>
          ((window as unknown as { __energy?: { t: number; rms: number }[] }).__energy ?? [])
            .filter((e) => e.t >= from && e.rms > threshold)
            .map((e) => Math.round(e.t - from)),
        [mutedAt, SOUND_RMS] as const,
      );
      // On failure, the times (ms after the acknowledgement) the studio still heard the tone.
      expect({ afterMute: afterMute.max < SOUND_RMS, toneTimes }).toEqual({ afterMute: true, toneTimes });
      const before = await loudest(studio, clickedAt - 2000, clickedAt);
      const lastSound = await studio.evaluate(
        ([from, threshold]) =>
          ((window as unknown as { __energy?: { t: number; rms: number }[] }).__energy ?? []).filter((e) => e.t >= from && e.rms > threshold).at(-1)?.t ?? from,
        [clickedAt, SOUND_RMS] as const,
      );
      console.log(
        `studio: loudest sample ${before.max.toFixed(3)} before the mute, last tone ${Math.round(lastSound - clickedAt)} ms after the click, ` +
          `loudest 1–3.5 s after it ${afterMute.max.toFixed(4)} (tone threshold ${SOUND_RMS})`,
      );
      // Unmuted: the sound is back.
      await floorPanel.getByTestId('floor-mute').click();
      await operatorA.getByTestId('uplink-host-muted').waitFor({ state: 'detached', timeout: 5000 });
      await waitForSound(studio, 10_000);

      // Push-to-talk: A's microphone is open only while its button is held.
      // (Silence is judged from 1.5 s after the switch: what was already on its way still arrives.)
      await operatorA.getByTestId('uplink-ptt').check();
      await operatorA.locator('[data-testid="uplink"][data-microphone="off"]').waitFor();
      const pttAt = await clock(studio);
      await new Promise((r) => setTimeout(r, 4000));
      const released = await loudest(studio, pttAt + 1500, pttAt + 4000);
      expect(released.max).toBeLessThan(SOUND_RMS);
      await operatorA.getByTestId('uplink-talk').hover();
      await operatorA.mouse.down();
      const heardAfter = await waitForSound(studio, 10_000);
      await operatorA.mouse.up();
      await operatorA.locator('[data-testid="uplink"][data-microphone="off"]').waitFor();
      const letGoAt = await clock(studio);
      await new Promise((r) => setTimeout(r, 4000));
      expect((await loudest(studio, letGoAt + 1500, letGoAt + 4000)).max).toBeLessThan(SOUND_RMS);
      console.log(`push-to-talk: the studio heard A ${heardAfter} ms after the button was pressed, and silence after it was let go`);
      await operatorA.getByTestId('uplink-ptt').uncheck();
      await waitForSound(studio, 10_000);

      // A's tab closes while it holds the floor: the moderators are alerted within 10 s.
      const closedAt = Date.now();
      await operatorA.close();
      await moderator.getByTestId('floor-alert').waitFor({ timeout: 10_000 });
      const alertMs = Date.now() - closedAt;
      expect(alertMs).toBeLessThan(10_000);
      await studio.getByTestId('studio-interrupted').waitFor({ timeout: 5000 });
      console.log(`moderators alerted ${alertMs} ms after the speaking point's tab closed`);
      if (SHOTS) await moderator.screenshot({ path: `${SHOTS}/moderation-floor-alert.png` });

      // A opens its page again: its uplink comes back by itself, the floor resumes, the studio plays it.
      operatorA = await pointContext.newPage();
      await operatorA.goto(`${harness.baseUrl}/point/${a.joinCode}`);
      await waitForState(operatorA, '[data-testid="uplink"]', 'sending', 20_000);
      await moderator.getByTestId('floor-alert').waitFor({ state: 'detached', timeout: 15_000 });
      await studio.getByTestId('studio-interrupted').waitFor({ state: 'detached', timeout: 5000 });
      await studio.locator(`[data-testid="studio-stage"][data-floor="${a.id}"][data-state="playing"]`).waitFor({ timeout: 20_000 });
      await waitForSound(studio, 20_000);
      expect((await organizer.json<FloorDto>('GET', `/conferences/${conference.id}/floor`)).interruptedAt).toBeNull();

      // The presenter switches microphone while on air: the same publication carries on (no new subscription
      // at the studio) and the studio keeps decoding the presenter's picture.
      await presenter.getByTestId('present-on-air').waitFor();
      const mark = () => studio.evaluate(() => {
        const w = window as unknown as { __bpSubscriptions?: Map<string, object>; __mark?: object };
        w.__mark = w.__bpSubscriptions?.get('presenter');
        return !!w.__mark;
      });
      expect(await mark()).toBe(true);
      const microphones = await presenter.getByTestId('microphone-select').locator('option').count();
      expect(microphones).toBeGreaterThan(1);
      await presenter.getByTestId('microphone-select').selectOption({ index: microphones - 1 });
      const presenterFrames = await framesDecoded(studio, PRESENTER_SOURCE);
      const switched = Date.now();
      while ((await framesDecoded(studio, PRESENTER_SOURCE)) < presenterFrames + 30 && Date.now() - switched < 15_000) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await framesDecoded(studio, PRESENTER_SOURCE)).toBeGreaterThanOrEqual(presenterFrames + 30);
      expect(
        await studio.evaluate(() => {
          const w = window as unknown as { __bpSubscriptions?: Map<string, object>; __mark?: object };
          return w.__bpSubscriptions?.get('presenter') === w.__mark;
        }),
      ).toBe(true);
      await presenter.getByTestId('present-on-air').waitFor();
      if (SHOTS) await presenter.screenshot({ path: `${SHOTS}/presenter-live.png`, fullPage: true });
      await pointContext.close();
      await hostSite.close();
    } catch (error) {
      throw new Error(`${(error as Error).stack ?? String(error)}\n--- API output ---\n${harness.apiOutput()}`);
    }
  }, 240_000);
});
