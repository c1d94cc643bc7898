import { READINESS_DETAIL_MAX_LENGTH, type MediaLinkReport, type PreflightMeasurements, type ReadinessReport } from '@bridgepoint/contracts';

/** Below this, nothing (or next to nothing) went out or came back: a frozen picture, no sound. */
export const MIN_KBPS = 30;
export const MAX_LOSS_PERCENT = 5;
export const MAX_RTT_MS = 800;

export type PreflightProblem = 'devices' | 'noCamera' | 'noMicrophone' | 'noConnection' | 'nothingSent' | 'nothingReceived' | 'loss' | 'rtt';

export interface PreflightInput {
  /** The camera and microphone as opened (null when they could not be). */
  stream: MediaStream | null;
  /** The loudest microphone level seen, 0..1. */
  audioLevel: number;
  link: MediaLinkReport;
  /** The loopback could not be set up. */
  networkError: Error | null;
}

export interface PreflightVerdict {
  problems: PreflightProblem[];
  measurements: PreflightMeasurements;
}

/**
 * Ready when the point has a camera and a microphone and its picture and sound went to the media server
 * and came back with loss ≤ 5 % and a round trip ≤ 800 ms; otherwise every problem found, in the order an
 * operator fixes them.
 */
export function judge(input: PreflightInput): PreflightVerdict {
  const { stream, link } = input;
  const camera = (stream?.getVideoTracks() ?? []).some((t) => t.readyState === 'live');
  const microphone = (stream?.getAudioTracks() ?? []).some((t) => t.readyState === 'live');
  const problems: PreflightProblem[] = [];
  if (!stream) problems.push('devices');
  else {
    if (!camera) problems.push('noCamera');
    if (!microphone) problems.push('noMicrophone');
  }
  if (stream && input.networkError) problems.push('noConnection');
  else if (stream) {
    if (link.sendKbps < MIN_KBPS) problems.push('nothingSent');
    if (link.recvKbps < MIN_KBPS) problems.push('nothingReceived');
    if (link.lossPercent > MAX_LOSS_PERCENT) problems.push('loss');
    if (link.rttMs !== null && link.rttMs > MAX_RTT_MS) problems.push('rtt');
  }
  return {
    problems,
    measurements: {
      sendKbps: link.sendKbps,
      receiveKbps: link.recvKbps,
      lossPercent: link.lossPercent,
      rttMs: link.rttMs,
      audioLevel: Math.min(1, Math.max(0, input.audioLevel)),
      camera,
      microphone,
    },
  };
}

/** The report stored for the point: `failed` with the reasons in words, or `ready`. */
export function reportOf(verdict: PreflightVerdict, describe: (problem: PreflightProblem) => string): ReadinessReport {
  if (verdict.problems.length === 0) return { result: 'ready', measurements: verdict.measurements };
  return { result: 'failed', detail: verdict.problems.map(describe).join(' ').slice(0, READINESS_DETAIL_MAX_LENGTH), measurements: verdict.measurements };
}
