import { ortc, parseScalabilityMode, type types } from 'mediasoup';

/** What every conference router forwards: Opus, VP8 (what browsers simulcast best) and baseline H.264. */
export const MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/** Same as any router's `rtpCapabilities` (mediasoup derives them from the codecs alone), without a router. */
export const ROUTER_RTP_CAPABILITIES: types.RtpCapabilities = ortc.generateRouterRtpCapabilities(MEDIA_CODECS);

/** Spatial layers a producer sends: its simulcast encodings, or the spatial layers of its SVC mode. */
export function spatialLayers(rtpParameters: types.RtpParameters): number {
  const encodings = rtpParameters.encodings ?? [];
  if (encodings.length > 1) return encodings.length;
  return Math.max(1, parseScalabilityMode(encodings[0]?.scalabilityMode).spatialLayers);
}
