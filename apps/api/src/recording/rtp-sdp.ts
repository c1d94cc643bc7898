import type { ForwardedStream } from '../media/media-engine';

/** What ffmpeg reads a forward from: one `m=` line per kind, on 127.0.0.1. */
export function sdpOf(streams: ForwardedStream[]): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=Bridgepoint recording', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const s of streams) {
    lines.push(`m=${s.kind} ${s.port} RTP/AVP ${s.payloadType}`);
    lines.push(`a=rtpmap:${s.payloadType} ${s.codec}/${s.clockRate}${s.channels ? `/${s.channels}` : ''}`);
    if (s.fmtp) lines.push(`a=fmtp:${s.payloadType} ${s.fmtp}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}

const WEBM_CODECS = new Set(['vp8', 'vp9', 'av1', 'opus']);

/**
 * The container: WebM for VP8/VP9/AV1 with Opus (browsers play it), Matroska for anything else (H.264).
 * Both are written cluster by cluster, so a file cut short by a crash still plays up to its last cluster.
 */
export function containerOf(streams: ForwardedStream[]): { extension: 'webm' | 'mkv'; format: 'webm' | 'matroska' } {
  const webm = streams.every((s) => WEBM_CODECS.has(s.codec.toLowerCase()));
  return webm ? { extension: 'webm', format: 'webm' } : { extension: 'mkv', format: 'matroska' };
}
