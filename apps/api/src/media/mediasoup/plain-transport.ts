import { MediaErrorCode } from '@bridgepoint/contracts';
import type { types } from 'mediasoup';
import { MediaEngineError } from '../media-engine';

/*
 * Plain RTP transports, for load tools and integration tests only: not part of the port and never reachable
 * over the `/media` signaling. `MediasoupEngine.openPlainTransport` opens the peer's transport of a direction
 * as a plain RTP transport (RTP and RTCP on one UDP port), with the same placement, room and router as
 * `createTransport`, so that `produce`, `consume`, `resume`, `leave`, `stats` and the pipes between workers
 * treat it like a browser's.
 *
 * - `send`: comedia — the worker takes the remote address from the first packet it receives; produce on it
 *   with plain rtpParameters (codec payload type and one SSRC per encoding).
 * - `recv`: call `connectPlainTransport` with the receiver's address before consuming; pass the router
 *   capabilities (`routerRtpCapabilities`) as rtpCapabilities.
 * - `srtp`: AES_CM_128_HMAC_SHA1_80; the worker encrypts with the returned `srtpParameters` and decrypts with
 *   the ones given to `connectPlainTransport` (a comedia send transport then takes only those).
 */

/** A plain RTP transport opened by `openPlainTransport`: where the worker listens, and its SRTP key. */
export interface PlainTransportInfo {
  id: string;
  ip: string;
  port: number;
  srtpParameters?: types.SrtpParameters;
}

/** Where a plain `recv` transport sends (`connectPlainTransport`), and the receiver's SRTP key. */
export interface PlainRemote {
  ip?: string;
  port?: number;
  srtpParameters?: types.SrtpParameters;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The options of a plain transport (RTP and RTCP on one UDP port); comedia for a `send` transport. */
export function plainTransportOptions(
  conferenceId: string,
  peerId: string,
  direction: 'send' | 'recv',
  options: { ip: string; srtp?: boolean },
): types.PlainTransportOptions {
  if (typeof options?.ip !== 'string' || options.ip === '') throw new MediaEngineError(MediaErrorCode.Invalid, 'Give the IP address to listen on.');
  return {
    listenInfo: { protocol: 'udp', ip: options.ip },
    rtcpMux: true,
    comedia: direction === 'send',
    enableSrtp: options.srtp === true,
    appData: { conferenceId, peerId, direction },
  };
}

export function plainTransportInfo(transport: types.PlainTransport): PlainTransportInfo {
  const { localAddress, localIp, localPort } = transport.tuple;
  return {
    id: transport.id,
    ip: localAddress ?? localIp,
    port: localPort,
    ...(transport.srtpParameters ? { srtpParameters: transport.srtpParameters } : {}),
  };
}

/**
 * What `transport.connect` takes for a plain transport: a `recv` transport sends to `ip`:`port` (with the
 * receiver's SRTP key when opened with SRTP); a `send` transport learns its remote address by itself and
 * takes only `srtpParameters`, with SRTP.
 */
export function plainConnectParameters(
  direction: 'send' | 'recv',
  transport: types.PlainTransport,
  remote: PlainRemote,
): Parameters<types.PlainTransport['connect']>[0] {
  const srtp = transport.srtpParameters !== undefined;
  if (direction === 'send' && !srtp) {
    throw new MediaEngineError(MediaErrorCode.Invalid, 'A plain send transport takes its remote address from the first packet; it needs no connect.');
  }
  const keyed = isObject(remote?.srtpParameters) && typeof remote.srtpParameters.keyBase64 === 'string';
  if (srtp !== keyed) {
    throw new MediaEngineError(MediaErrorCode.Invalid, srtp ? 'Send the receiver’s srtpParameters.' : 'This transport was opened without SRTP.');
  }
  const srtpParameters = keyed ? { srtpParameters: remote.srtpParameters } : {};
  if (direction === 'send') return srtpParameters;
  if (typeof remote?.ip !== 'string' || typeof remote.port !== 'number' || !Number.isInteger(remote.port) || remote.port < 1 || remote.port > 65535) {
    throw new MediaEngineError(MediaErrorCode.Invalid, 'Send the receiver’s ip and port.');
  }
  return { ip: remote.ip, port: remote.port, ...srtpParameters };
}
